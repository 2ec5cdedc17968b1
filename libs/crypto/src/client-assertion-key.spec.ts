import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@identsphere/config';
import { ClientAssertionKey } from './client-assertion-key';

const keyFor = (secret: string) => new ClientAssertionKey({ tokens: { secret } } as unknown as AppConfig);
const ROOT = 'root-secret-with-plenty-of-entropy-0123456789';

describe('ClientAssertionKey', () => {
  it('derives the same key from the same root secret on every instance', () => {
    expect(keyFor(ROOT).kid).toBe(keyFor(ROOT).kid);
    expect(keyFor(ROOT).publicJwk()).toEqual(keyFor(ROOT).publicJwk());
  });

  it('derives another key from another root secret', () => {
    expect(keyFor(`${ROOT}!`).kid).not.toBe(keyFor(ROOT).kid);
  });

  it('publishes the public half only, as an ES256 signing key named by its RFC 7638 thumbprint', async () => {
    const key = keyFor(ROOT);
    const jwk = key.publicJwk();
    expect(jwk).not.toHaveProperty('d');
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: key.kid });
    expect(await calculateJwkThumbprint(jwk)).toBe(key.kid);
  });

  it('signs what its published public key verifies', async () => {
    const key = keyFor(ROOT);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setIssuer('client').sign(key.privateKey());
    const { payload } = await jwtVerify(token, await importJWK(key.publicJwk(), 'ES256'));
    expect(payload.iss).toBe('client');
    const derivedPublic = createPublicKey(key.privateKey()).export({ format: 'jwk' });
    expect(derivedPublic).toMatchObject({ x: key.publicJwk().x, y: key.publicJwk().y });
  });

  it('signs with its WebCrypto form too, which cannot be exported', async () => {
    const key = keyFor(ROOT);
    const cryptoKey = await key.signingCryptoKey();
    expect(cryptoKey.extractable).toBe(false);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(cryptoKey);
    await expect(jwtVerify(token, await importJWK(key.publicJwk(), 'ES256'))).resolves.toBeDefined();
  });

  it('keeps the private key out of its public JWK and out of its JSON form', () => {
    const key = keyFor(ROOT);
    const d = key.privateKey().export({ format: 'jwk' }).d as string;
    expect(JSON.stringify(key.publicJwk())).not.toContain(d);
    expect(JSON.stringify(key)).not.toContain(d);
  });
});
