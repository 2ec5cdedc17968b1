import { ClientAssertionKey } from '@identsphere/crypto';
import { KeyRing } from '@identsphere/tokens';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import { bearer, dataSource, signup, startAuthApp } from '../support/auth-factories';
import { createTestDatabase, itPg, TestDatabase, usingRealPostgres } from '../support/test-database';
import type { TestApp } from '../support/test-app';

describe('signing keys', () => {
  let db: TestDatabase;
  let a: TestApp;
  // Two instances booting on one database must converge on one signing key. The embedded PGlite is one
  // process's files, so there is no second instance there, and the tests that need one are skipped.
  let b: TestApp | null;
  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startAuthApp({ db, listen: true }), usingRealPostgres() ? startAuthApp({ db, listen: true }) : null]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db.drop();
  });
  const other = () => b!;

  itPg('needs real PostgreSQL (TEST_DATABASE_URL): is shared by every instance: a token from one is accepted by the other', async () => {
    const b = other();
    const account = await signup(a.server);
    await request(b.server).get('/v1/me').set(bearer(account.accessToken)).expect(200);
    const jwksA = (await request(a.server).get('/.well-known/jwks.json').expect(200)).body;
    const jwksB = (await request(b.server).get('/.well-known/jwks.json').expect(200)).body;
    expect(jwksA.keys).toHaveLength(2); // the access-token key and the SSO client-assertion key
    expect(jwksB).toEqual(jwksA);
    for (const key of jwksA.keys) expect(key).not.toHaveProperty('d');
  });

  it('rotates without logging anyone out: old tokens stay valid and JWKS publishes both keys', async () => {
    const account = await signup(a.server);
    const oldKid = decodeProtectedHeader(account.accessToken).kid;

    await a.app.get(KeyRing).rotate();

    const fresh = await signup(a.server);
    const newKid = decodeProtectedHeader(fresh.accessToken).kid;
    expect(newKid).not.toBe(oldKid);
    await request(a.server).get('/v1/me').set(bearer(account.accessToken)).expect(200);

    const jwks = (await request(a.server).get('/.well-known/jwks.json').expect(200)).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([oldKid, newKid, a.app.get(ClientAssertionKey).kid].sort());
    const remote = createRemoteJWKSet(new URL(`${a.baseUrl}/.well-known/jwks.json`));
    for (const token of [account.accessToken, fresh.accessToken]) {
      await expect(jwtVerify(token, remote, { issuer: a.config.tokens.issuer, audience: a.config.tokens.audience })).resolves.toBeDefined();
    }
  });

  itPg('needs real PostgreSQL (TEST_DATABASE_URL): reaches another instance on the first token signed with a new key', async () => {
    const b = other();
    await request(b.server).get('/.well-known/jwks.json').expect(200); // b has loaded its keys before the rotation
    await a.app.get(KeyRing).rotate();
    const fresh = await signup(a.server);

    // Instance b reloads its keys on an unknown kid instead of refusing the token.
    await request(b.server).get('/v1/me').set(bearer(fresh.accessToken)).expect(200);
  });

  it('stores private keys only sealed', async () => {
    const rows = await dataSource(a).query('SELECT private_key_enc FROM signing_keys');
    for (const row of rows) {
      expect(row.private_key_enc).toMatch(/^v1\./);
      expect(row.private_key_enc).not.toContain('PRIVATE KEY');
    }
  });
});
