// A consumer of the three published packages, as a team would write it. pack-smoke.spec.ts compiles it with
// tsc --strict in a scratch project outside the repository (against the packed tarballs' declarations) and
// runs it with node against the live service. `.mts`: it is not part of the repository's own type check.
import { createIdentSphereClient, isProblem, unwrap, type User } from '@identsphere/client';
import { createSession, type Session, type SessionOptions } from '@identsphere/spa';
import { createVerifier, requireAuth, VerifyError, type AccessTokenClaims } from '@identsphere/verify';

/** The published types are real types, not `any`: each of these must stay a compile error (never called). */
export function mistakesTheTypesCatch(): void {
  // @ts-expect-error the issuer is required
  createVerifier({});
  // @ts-expect-error not a problem code of the service
  isProblem(new Error('x'), 'no_such_code');
  // @ts-expect-error the mode is 'cookie' or 'bearer'
  createIdentSphereClient({ baseUrl: '', mode: 'session' });
}

async function main(): Promise<void> {
  const [baseUrl, issuer, email, password] = process.argv.slice(2);
  const client = createIdentSphereClient({ baseUrl, mode: 'bearer' });
  const signup = unwrap(await client.POST('/v1/auth/signup', { body: { email, password } }));
  if (!('accessToken' in signup)) throw new Error('the account awaits email verification');
  const accessToken: string = signup.accessToken;

  const authed = createIdentSphereClient({ baseUrl, mode: 'bearer', accessToken: () => accessToken });
  const me: User = unwrap(await authed.GET('/v1/me'));

  const verifier = createVerifier({ issuer, jwksUri: `${baseUrl}/.well-known/jwks.json` });
  const claims: AccessTokenClaims = await verifier.verify(accessToken);
  let refusedWith = '';
  try {
    await verifier.verify(`${accessToken.slice(0, -4)}AAAA`);
  } catch (error) {
    if (error instanceof VerifyError) refusedWith = error.code;
  }

  let problemCode = '';
  try {
    unwrap(await client.POST('/v1/auth/login', { body: { email, password: `${password}!` } }));
  } catch (error) {
    if (isProblem(error, 'invalid_credentials')) problemCode = error.code;
  }

  const middleware = requireAuth(verifier, { roles: ['admin'] });
  const startSession: (options: SessionOptions) => Session = createSession;
  console.log(JSON.stringify({ userId: me.id, sub: claims.sub, email: claims.email, refusedWith, problemCode, middleware: typeof middleware, spa: typeof startSession }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
