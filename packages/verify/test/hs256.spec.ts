import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { BUILT_MAIN, REPO_ROOT } from '../../../test/support/built-server';
import { signHs256, signWithOwnKey, unsecured } from '../../../test/support/jwt-forge';
import { createVerifier, VerifyError } from '../src/index.js';
import { LIVE_ISSUER, signUp, startLiveService, type LiveService } from './support/live-service';

/** The key an operator hands to resource servers: `cli.js hs256-key` with the service's environment. */
async function printedHs256Key(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BUILT_MAIN.replace('main.js', 'cli.js'), 'hs256-key'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  return stdout.trim();
}

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: unknown) => (e instanceof VerifyError ? e.reason : `unexpected ${String(e)}`),
  );

describe('@identsphere/verify with a service signing HS256 (IDENTSPHERE_JWT_ALG=HS256, no published keys)', () => {
  let live: LiveService;
  let key: string;
  beforeAll(async () => {
    live = await startLiveService({ env: { IDENTSPHERE_JWT_ALG: 'HS256' } });
    key = await printedHs256Key(live.env);
  }, 120_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('accepts the service\'s tokens with the printed key, without fetching any JWKS', async () => {
    const counted = live.countingFetch();
    const session = await signUp(live);
    expect(decodeProtectedHeader(session.accessToken).alg).toBe('HS256');
    const verifier = createVerifier({ issuer: LIVE_ISSUER, hs256Key: key, fetch: counted.fetch });
    await expect(verifier.verify(session.accessToken)).resolves.toMatchObject({ sub: session.userId });
    expect(counted.requestsTo('/.well-known/jwks.json')).toBe(0);
  });

  it('refuses another key\'s HS256, an asymmetric signature with an embedded key, and alg none', async () => {
    const session = await signUp(live);
    const verifier = createVerifier({ issuer: LIVE_ISSUER, hs256Key: key });
    const header = decodeProtectedHeader(session.accessToken) as Record<string, unknown>;
    const payload = decodeJwt(session.accessToken);
    expect(await reasonOf(verifier.verify(await signHs256(header, payload, new Uint8Array(32).fill(7))))).toBe('signature');
    expect(await reasonOf(verifier.verify(await signWithOwnKey({ ...header, alg: 'ES256' }, payload, { embedJwk: true })))).toBe('algorithm');
    expect(await reasonOf(verifier.verify(unsecured(header, payload)))).toBe('algorithm');
  });

  it('refuses a short key or a non-HS256 allow-list at construction', () => {
    expect(() => createVerifier({ issuer: LIVE_ISSUER, hs256Key: 'c2hvcnQ' })).toThrow(TypeError);
    expect(() => createVerifier({ issuer: LIVE_ISSUER, hs256Key: key, algorithms: ['ES256'] })).toThrow(TypeError);
  });
});
