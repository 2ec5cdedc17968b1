import { CLIENT_ID_PATTERN, ClientSecretDigests, newClientId, newClientSecret } from './client-credentials';

const ROOT = 'root-secret-0123456789abcdefghijklmnopqrstuvwxyz';

describe('client credentials', () => {
  const digests = new ClientSecretDigests(ROOT);

  it('mints ids and secrets with their prefixes and full entropy, never twice the same', () => {
    const ids = new Set(Array.from({ length: 50 }, newClientId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(CLIENT_ID_PATTERN);
    expect(newClientSecret()).toMatch(/^iscs_[A-Za-z0-9_-]{43}$/);
  });

  it('keys the digest with the root secret and binds it to the client id', () => {
    const [id, secret] = [newClientId(), newClientSecret()];
    expect(digests.digest(id, secret)).not.toBe(new ClientSecretDigests(`${ROOT}-other`).digest(id, secret));
    expect(digests.digest(id, secret)).not.toBe(digests.digest(newClientId(), secret));
    expect(digests.digest(id, secret)).not.toContain(secret.slice(5));
  });

  it('matches the current or the previous secret, and nothing else', () => {
    const id = newClientId();
    const [current, previous, other] = [newClientSecret(), newClientSecret(), newClientSecret()];
    const stored = [digests.digest(id, current), digests.digest(id, previous)];
    expect([digests.matches(id, current, stored), digests.matches(id, previous, stored), digests.matches(id, other, stored)]).toEqual([true, true, false]);
    expect(digests.matches(id, previous, [stored[0], null])).toBe(false);
    expect(digests.matches(newClientId(), current, stored)).toBe(false);
  });

  it('refuses when nothing is stored (an unknown client) and a secret of the wrong shape', () => {
    const id = newClientId();
    expect(digests.matches(id, newClientSecret(), [null, null])).toBe(false);
    const malformed = 'not-a-client-secret';
    expect(digests.matches(id, malformed, [digests.digest(id, malformed), null])).toBe(false);
  });
});
