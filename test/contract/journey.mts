// A client team's journey, written against types that openapi-typescript generates from the served
// document (test/e2e/openapi-client.e2e-spec.ts generates ./identsphere-api.ts next to a copy of this
// file and compiles it with `tsc --strict`). It must compile without casts: if the document loosened a
// type (refreshToken optional, code a plain string), the compile fails.
import createClient from 'openapi-fetch';
import type { components, paths } from './identsphere-api';

type Schemas = components['schemas'];
export type ProblemCode = Schemas['ProblemDetails']['code'];
export type FieldRule = NonNullable<Schemas['ProblemDetails']['errors']>[number]['rule'];

/** `true` only for a union of string literals, never for `string` itself. */
type IsEnum<T> = string extends T ? false : true;
export const codeIsAnEnum: IsEnum<ProblemCode> = true;
export const ruleIsAnEnum: IsEnum<FieldRule> = true;

/** What a client shows for a problem: switching on the code, never on the detail text. */
export function adviceFor(code: ProblemCode): string {
  switch (code) {
    case 'invalid_credentials':
      return 'Wrong email or password.';
    case 'weak_password':
      return 'Choose a longer, less guessable password.';
    case 'email_taken':
      return 'That email already has an account.';
    case 'session_expired':
    case 'session_revoked':
    case 'refresh_token_reused':
      return 'Sign in again.';
    case 'rate_limited':
    case 'overloaded':
    case 'unavailable':
      return 'Try again shortly.';
    default:
      return 'Something went wrong.';
  }
}

export interface JourneyResult {
  readonly user: Schemas['User'];
  readonly sessionId: string;
  readonly replayCode: ProblemCode | null;
}

function fail(step: string, error: { code: ProblemCode } | undefined): never {
  throw new Error(`${step} failed: ${error ? `${error.code} (${adviceFor(error.code)})` : 'no body'}`);
}

/** Signs up, signs in in bearer mode, reads the account, refreshes, signs out; then tries the first refresh token again. */
export async function journey(baseUrl: string, email: string, password: string): Promise<JourneyResult> {
  const client = createClient<paths>({ baseUrl });
  const bearerMode = { header: { 'X-Auth-Mode': 'bearer' } } as const;

  const signup = await client.POST('/v1/auth/signup', { params: bearerMode, body: { email, password, displayName: 'Journey' } });
  if (!signup.data) fail('signup', signup.error);

  const login = await client.POST('/v1/auth/login', { params: bearerMode, body: { email, password } });
  if (!login.data) fail('login', login.error);
  if (!('refreshToken' in login.data)) throw new Error('bearer mode answers with the refresh token in the body');
  const firstRefreshToken: string = login.data.refreshToken;
  const accessToken: string = login.data.accessToken;

  const me = await client.GET('/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!me.data) fail('getMe', me.error);
  const user: Schemas['User'] = me.data;

  const refreshed = await client.POST('/v1/auth/refresh', { params: bearerMode, body: { refreshToken: firstRefreshToken } });
  if (!refreshed.data) fail('refresh', refreshed.error);
  if (!('refreshToken' in refreshed.data)) throw new Error('bearer mode answers with the refresh token in the body');
  const secondRefreshToken: string = refreshed.data.refreshToken;

  const logout = await client.POST('/v1/auth/logout', { params: bearerMode, body: { refreshToken: secondRefreshToken } });
  if (logout.error) fail('logout', logout.error);

  const replay = await client.POST('/v1/auth/refresh', { params: bearerMode, body: { refreshToken: firstRefreshToken } });
  return { user, sessionId: login.data.sessionId, replayCode: replay.error?.code ?? null };
}
