import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ type: 'user.created', timestamp: '2026-01-15T09:30:00.000Z', data: { user_id: 'u1' } });
  const now = () => Math.floor(Date.now() / 1000);

  it('makes secrets in the whsec_ form with 192 random bits, never the same twice', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks library verifies the body', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook(secret, 'msg_1', now(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('does not verify under another secret, with another id, or for a changed body', () => {
    const secret = generateWebhookSecret();
    const headers = { ...signWebhook(secret, 'msg_1', now(), body) };
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('u1', 'u2'), headers)).toThrow();
  });

  it('signs the attempt time, which receivers check against their replay window', () => {
    const secret = generateWebhookSecret();
    const stale = { ...signWebhook(secret, 'msg_1', now() - 3600, body) };
    expect(() => new Webhook(secret).verify(body, stale)).toThrow();
  });
});
