import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { signHs256, signWithOwnKey, unsecured } from '../../../test/support/jwt-forge';
import { createVerifier, VerifyError, type Verifier, type VerifierOptions } from '../src/index.js';
import { openStoredSigningKey, signWith } from './support/forge';
import {
  createMachineClient,
  LIVE_ISSUER,
  logOut,
  signUp,
  startLiveService,
  steppedUpAdminToken,
  strongPassword,
  uniqueEmail,
  type BearerSession,
  type LiveService,
} from './support/live-service';

const JWKS_PATH = '/.well-known/jwks.json';
const ADMIN = { email: uniqueEmail('admin'), password: strongPassword() };

/** A clock the test moves instead of waiting (token expiry, cache windows). */
function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (seconds: number) => (offset += seconds * 1000) };
}

async function refusal(promise: Promise<unknown>): Promise<VerifyError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof VerifyError)) throw new Error(`expected a VerifyError, got ${String(error)}`);
  return error;
}

describe('@identsphere/verify against the live built service', () => {
  let live: LiveService;
  let verifierOf: (options?: Partial<VerifierOptions>) => Verifier;
  // Signed in before the signing key is rotated (in beforeAll), with a verifier that loaded the keys then.
  let beforeRotation: { session: BearerSession; verifier: Verifier; clock: ReturnType<typeof movableClock>; jwksRequests: () => number };
  let retiredKey: { kid: string; privateKey: KeyObject };

  beforeAll(async () => {
    live = await startLiveService({ admin: ADMIN });
    verifierOf = (options = {}) => createVerifier({ issuer: LIVE_ISSUER, fetch: live.fetch, ...options });
    const clock = movableClock();
    const session = await signUp(live);
    const counted = live.countingFetch();
    const verifier = verifierOf({ clock: clock.now, fetch: counted.fetch });
    await verifier.verify(session.accessToken);
    // Rotation as an operator would do it: the active key retires (still published while its tokens live)
    // and the service, finding no active key at boot, makes a new one.
    const [row] = await live.restartAfter('UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL RETURNING kid, private_key_enc');
    retiredKey = { kid: row.kid as string, privateKey: openStoredSigningKey(row.private_key_enc as string) };
    beforeRotation = { session, verifier, clock, jwksRequests: () => counted.requestsTo(JWKS_PATH) };
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('accepts a fresh token and returns its typed claims', async () => {
    const session = await signUp(live);
    const claims = await verifierOf().verify(session.accessToken);
    expect(claims).toMatchObject({ iss: LIVE_ISSUER, aud: LIVE_ISSUER, sub: session.userId, email: session.email, email_verified: false, roles: [], acr: 'pwd', amr: ['pwd'] });
    expect(typeof claims.sid).toBe('string');
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('fetches the JWKS once for many tokens, and again only when its max-age (300 s) has passed', async () => {
    const clock = movableClock();
    const counted = live.countingFetch();
    const verifier = verifierOf({ clock: clock.now, fetch: counted.fetch });
    const tokens = await Promise.all([signUp(live), signUp(live), signUp(live)]);
    await Promise.all(tokens.flatMap((s) => [verifier.verify(s.accessToken), verifier.verify(s.accessToken)]));
    expect(counted.requestsTo(JWKS_PATH)).toBe(1);
    clock.advance(290);
    await verifier.verify(tokens[0].accessToken);
    expect(counted.requestsTo(JWKS_PATH)).toBe(1);
    clock.advance(20);
    await verifier.verify(tokens[0].accessToken);
    expect(counted.requestsTo(JWKS_PATH)).toBe(2);
  });

  it('accepts tokens of a rotated key: one refetch finds the new kid, the retired key still verifies its tokens', async () => {
    const { session, verifier, clock, jwksRequests } = beforeRotation;
    expect(jwksRequests()).toBe(1);
    const fresh = await signUp(live);
    expect(decodeProtectedHeader(fresh.accessToken).kid).not.toBe(decodeProtectedHeader(session.accessToken).kid);
    expect(decodeProtectedHeader(session.accessToken).kid).toBe(retiredKey.kid);
    clock.advance(31); // past the unknown-kid refetch window of the load before the rotation
    await expect(verifier.verify(fresh.accessToken)).resolves.toMatchObject({ sub: fresh.userId });
    await expect(verifier.verify(session.accessToken)).resolves.toMatchObject({ sub: session.userId });
    expect(jwksRequests()).toBe(2);
  });

  it('survives a storm of unknown kids with at most one JWKS fetch per refetch window', async () => {
    const clock = movableClock();
    const counted = live.countingFetch();
    const verifier = verifierOf({ clock: clock.now, jwksRefetchIntervalSeconds: 30, fetch: counted.fetch });
    const session = await signUp(live);
    await verifier.verify(session.accessToken);
    expect(counted.requestsTo(JWKS_PATH)).toBe(1);
    const payload = decodeJwt(session.accessToken);
    const forged = await Promise.all(Array.from({ length: 40 }, (_, i) => signWithOwnKey({ alg: 'ES256', typ: 'at+jwt', kid: `forged-${i}` }, payload)));

    const storm = async () => Promise.all(forged.map((token) => refusal(verifier.verify(token))));
    for (const error of await storm()) expect(error).toMatchObject({ reason: 'unknown_key', code: 'unauthorized', status: 401 });
    expect(counted.requestsTo(JWKS_PATH)).toBe(1); // the keys were fetched a moment ago
    clock.advance(31);
    await storm();
    await storm();
    expect(counted.requestsTo(JWKS_PATH)).toBe(2);
    await expect(verifier.verify(session.accessToken)).resolves.toMatchObject({ sub: session.userId });
  });

  describe('refuses', () => {
    let session: BearerSession;
    let verifier: Verifier;
    beforeAll(async () => {
      session = await signUp(live);
      verifier = verifierOf();
    });

    it('alg "none" and HS256 signed with the published public key (algorithm confusion)', async () => {
      const header = decodeProtectedHeader(session.accessToken) as Record<string, unknown>;
      const payload = decodeJwt(session.accessToken);
      const jwks = (await (await live.fetch(`${LIVE_ISSUER}${JWKS_PATH}`)).json()) as { keys: Record<string, unknown>[] };
      const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
      const publicPem = createPublicKey({ key: jwk, format: 'jwk' } as never).export({ format: 'pem', type: 'spki' }) as string;
      const confused = [
        unsecured(header, payload),
        await signHs256(header, payload, publicPem),
        await signHs256(header, payload, JSON.stringify(jwk)),
      ];
      for (const token of confused) expect(await refusal(verifier.verify(token))).toMatchObject({ reason: 'algorithm', code: 'unauthorized' });
      // The attacker's own key under our kid, even with its public key embedded in the header.
      const ownKey = await signWithOwnKey(header, payload, { embedJwk: true });
      expect(await refusal(verifier.verify(ownKey))).toMatchObject({ reason: 'signature' });
    });

    it('an algorithm allow-list of HS* or none at construction', () => {
      expect(() => createVerifier({ issuer: LIVE_ISSUER, algorithms: ['HS256'] })).toThrow(TypeError);
      expect(() => createVerifier({ issuer: LIVE_ISSUER, algorithms: ['none'] })).toThrow(TypeError);
    });

    it('a token of an algorithm outside the allow-list', async () => {
      const strict = verifierOf({ algorithms: ['EdDSA'] });
      expect(await refusal(strict.verify(session.accessToken))).toMatchObject({ reason: 'algorithm' });
    });

    it('an expired token (past exp plus the clock tolerance)', async () => {
      const clock = movableClock();
      const late = verifierOf({ clock: clock.now, clockToleranceSeconds: 5 });
      clock.advance(900 + 3);
      await expect(late.verify(session.accessToken)).resolves.toBeDefined();
      clock.advance(10);
      expect(await refusal(late.verify(session.accessToken))).toMatchObject({ reason: 'expired', code: 'unauthorized' });
    });

    it('a token of another issuer or for another audience', async () => {
      const elsewhere = verifierOf({ issuer: 'https://other-issuer.example', jwksUri: `${LIVE_ISSUER}${JWKS_PATH}` });
      expect(await refusal(elsewhere.verify(session.accessToken))).toMatchObject({ reason: 'issuer' });
      expect(await refusal(verifierOf({ audience: 'https://billing-api.example' }).verify(session.accessToken))).toMatchObject({ reason: 'audience' });
      await expect(verifierOf({ audience: ['https://billing-api.example', LIVE_ISSUER] }).verify(session.accessToken)).resolves.toBeDefined();
    });

    it('well-signed tokens (the service\'s real, retired key) with a wrong typ, iss, aud, exp or claims', async () => {
      const good = decodeJwt(session.accessToken);
      const sign = (header: Record<string, unknown>, changes: Record<string, unknown>) =>
        signWith(retiredKey.privateKey, { typ: 'at+jwt', kid: retiredKey.kid, ...header }, { ...good, ...changes });
      await expect(verifier.verify(await sign({}, {}))).resolves.toMatchObject({ sub: session.userId });
      const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
        [{ typ: 'JWT' }, {}, 'type'],
        [{ typ: undefined }, {}, 'type'],
        [{}, { iss: 'https://evil.example' }, 'issuer'],
        [{}, { aud: 'https://evil.example' }, 'audience'],
        [{}, { exp: Math.floor(Date.now() / 1000) - 60 }, 'expired'],
        [{}, { nbf: Math.floor(Date.now() / 1000) + 600 }, 'not_yet_valid'],
        [{}, { jti: undefined }, 'claims'],
        [{}, { roles: 'admin' }, 'claims'],
      ];
      for (const [header, changes, reason] of cases) {
        expect({ header, changes, error: await refusal(verifier.verify(await sign(header, changes))) }).toMatchObject({ error: { reason } });
      }
    });

    it('garbage without calling the issuer', async () => {
      const counted = live.countingFetch();
      const quiet = verifierOf({ fetch: counted.fetch });
      for (const token of ['', 'abc', 'a.b', 'a.b.c.d', `${'x'.repeat(9000)}.y.z`, 'e30.e30.']) {
        expect(['missing', 'malformed', 'algorithm', 'unknown_key']).toContain((await refusal(quiet.verify(token))).reason);
      }
      expect(counted.requestsTo(JWKS_PATH)).toBe(0);
    });
  });

  describe('a session that has ended', () => {
    let introspection: { clientId: string; clientSecret: string };
    beforeAll(async () => {
      const adminToken = await steppedUpAdminToken(live, ADMIN);
      introspection = await createMachineClient(live, adminToken, ['introspect']);
    }, 60_000);

    it('is accepted offline until exp, and refused with introspection on once the short cache has passed', async () => {
      const clock = movableClock();
      const session = await signUp(live);
      const offline = verifierOf({ clock: clock.now });
      const counted = live.countingFetch();
      const online = verifierOf({ clock: clock.now, fetch: counted.fetch, introspection: { ...introspection, cacheSeconds: 5 } });
      await expect(online.verify(session.accessToken)).resolves.toMatchObject({ sub: session.userId });
      expect(counted.requestsTo('/oauth/introspect')).toBe(1);

      await logOut(live, session);
      await expect(offline.verify(session.accessToken)).resolves.toMatchObject({ sub: session.userId });
      await expect(online.verify(session.accessToken)).resolves.toBeDefined(); // the cached answer, for ≤ 5 s
      expect(counted.requestsTo('/oauth/introspect')).toBe(1);
      clock.advance(6);
      expect(await refusal(online.verify(session.accessToken))).toMatchObject({ reason: 'revoked', code: 'unauthorized', status: 401 });
      expect(await refusal(online.verify(session.accessToken))).toMatchObject({ reason: 'revoked' }); // cached too
      expect(counted.requestsTo('/oauth/introspect')).toBe(2);
      await expect(offline.verify(session.accessToken)).resolves.toBeDefined();
    });

    it('fails closed when introspection cannot answer (wrong client secret)', async () => {
      const session = await signUp(live);
      const misconfigured = verifierOf({ introspection: { clientId: introspection.clientId, clientSecret: 'iscs_wrong' } });
      expect(await refusal(misconfigured.verify(session.accessToken))).toMatchObject({ reason: 'introspection_unavailable', code: 'unavailable', status: 503 });
    });
  });

  it('answers keys_unavailable (503) when the JWKS cannot be fetched at all', async () => {
    const session = await signUp(live);
    const unreachable = createVerifier({ issuer: LIVE_ISSUER, jwksUri: 'http://127.0.0.1:9/.well-known/jwks.json', timeoutMs: 2000 });
    expect(await refusal(unreachable.verify(session.accessToken))).toMatchObject({ reason: 'keys_unavailable', code: 'unavailable', status: 503 });
  });
});
