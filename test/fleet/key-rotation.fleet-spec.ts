import { createHash, generateKeyPairSync } from 'node:crypto';
import { Client } from 'pg';
import { SecretBox } from '@identsphere/crypto';
import { describeFleet, FAULT_TEST_TIMEOUT_MS, useFleet } from './fleet-spec-support';
import { FleetClient, signedInClients } from './traffic/fleet-client';
import { SteadyTraffic } from './traffic/steady-traffic';

const CLIENTS = 8;

const kidOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).kid;

/**
 * Rotates the ES256 signing key as the service's KeyRing.rotate() does (the service has no command for it
 * yet): the active key is retired (still published and accepted while its tokens live) and a new one,
 * sealed with the key derived from IDENTSPHERE_JWT_SECRET, becomes active in the same transaction.
 */
async function rotateSigningKey(databaseUrl: string, jwtSecret: string): Promise<string> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const kid = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  const sealed = new SecretBox(jwtSecret, 'signing-keys').seal(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`UPDATE signing_keys SET retired_at = now() WHERE algorithm = 'ES256' AND retired_at IS NULL`);
    await db.query(`INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_enc) VALUES ($1, 'ES256', $2, $3)`, [
      kid,
      JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }),
      sealed,
    ]);
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
  return kid;
}

describeFleet('a fleet of 3 instances: signing-key rotation under traffic', () => {
  const fleet = useFleet();

  it('rotates the signing key and rolls the instances one by one: no token is rejected, old or new', async () => {
    const f = fleet();
    const clients = await signedInClients(f.url, CLIENTS);
    const oldKid = kidOf(clients[0].accessToken);
    const holdsOldToken = new FleetClient(f.url, clients[0].credentials);
    holdsOldToken.accessToken = clients[0].accessToken;
    const traffic = new SteadyTraffic(clients);
    await traffic.progress(50);

    const newKid = await rotateSigningKey(f.postgres!.url, f.jwtSecret);
    // Until an instance restarts (or its periodic reload runs) it still signs with the old key; the others
    // must verify whichever key signed a token, while the fleet is half old, half new.
    for (let i = 0; i < 3; i++) {
      expect(await f.deregisterAndTerminate(i)).toBe(0);
      await f.restart(i);
      await traffic.progress(50);
    }
    const report = await traffic.stop();

    expect(report.broken).toEqual([]);
    expect(report.failures()).toEqual([]);
    for (const c of clients) {
      expect((await c.refresh()).status).toBe(200);
      expect(kidOf(c.accessToken)).toBe(newKid);
    }
    // A token signed with the retired key is still accepted everywhere, and both keys are published (next
    // to the SSO client-assertion key, which the JWKS also carries).
    for (let i = 0; i < 3; i++) expect((await holdsOldToken.me()).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const jwks = (await (await fetch(`${f.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    }
  }, FAULT_TEST_TIMEOUT_MS);
});
