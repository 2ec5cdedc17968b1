// Compile-time contract of the published types, compiled with tsc --strict by types.spec.ts (never run).
// Each @ts-expect-error must stay an error: if a type loosened (code a plain string, a field optional or untyped),
// tsc reports the directive as unused and the spec fails.
import { createIdentSphereClient, isProblem, unwrap } from '../src/index.js';
import type { ProblemCode, User } from '../src/index.js';

type IsEnum<T> = string extends T ? false : true;
export const problemCodeIsAnEnum: IsEnum<ProblemCode> = true;

export async function typedJourney(error: unknown): Promise<User | null> {
  const client = createIdentSphereClient({ baseUrl: 'https://auth.example.com', mode: 'cookie', accessToken: () => null });
  // @ts-expect-error not a code of the document
  isProblem(error, 'no_such_code');
  if (isProblem(error, 'step_up_required')) {
    const code: 'step_up_required' = error.code;
    const methods: string[] | undefined = error.problem.methods;
    void code;
    void methods;
  }
  // @ts-expect-error the email is a string
  await client.POST('/v1/auth/login', { body: { email: 42, password: 'x' } });
  // @ts-expect-error the password is required
  await client.POST('/v1/auth/login', { body: { email: 'a@example.com' } });
  // @ts-expect-error no such route
  await client.GET('/v1/nothing-here');
  const login = unwrap(await client.POST('/v1/auth/login', { body: { email: 'a@example.com', password: 'x' } }));
  if ('mfaRequired' in login) {
    const methods: ('totp' | 'recovery_code' | 'webauthn')[] = login.methods;
    void methods;
    return null;
  }
  const me = unwrap(await client.GET('/v1/me'));
  const roles: string[] = me.roles;
  void roles;
  return login.user;
}
