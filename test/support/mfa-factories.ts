import request from 'supertest';
import { FactorsClock } from '@identsphere/factors';
import { BEARER_MODE, bearer, HttpServer } from './auth-factories';
import type { TestApp } from './test-app';
import { totpCode } from './totp';

/** Pins the clock TOTP codes are checked against; returns a setter to move it (no test waits for a step). */
export function pinTotpClock(t: TestApp, startSeconds = 1_900_000_005): { now: () => number; set: (seconds: number) => void } {
  let now = startSeconds;
  jest.spyOn(t.app.get(FactorsClock), 'nowSeconds').mockImplementation(() => now);
  return { now: () => now, set: (seconds) => (now = seconds) };
}

export interface EnrolledTotp {
  readonly secret: string;
  readonly recoveryCodes: string[];
}

/** Adds an authenticator app to the account of `accessToken`, confirmed with the code of `nowSeconds`. */
export async function enrolTotp(server: HttpServer, accessToken: string, nowSeconds: number): Promise<EnrolledTotp> {
  const begun = await request(server).post('/v1/me/mfa/totp').set(bearer(accessToken));
  if (begun.status !== 200) throw new Error(`enrolment answered ${begun.status}: ${JSON.stringify(begun.body)}`);
  const confirmed = await confirmTotp(server, accessToken, totpCode(begun.body.secret, nowSeconds));
  if (confirmed.status !== 200) throw new Error(`confirmation answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
  return { secret: begun.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

export const confirmTotp = (server: HttpServer, accessToken: string, code: string) =>
  request(server).post('/v1/me/mfa/totp/confirm').set(bearer(accessToken)).send({ code });

/** The password step of a login of an account with a second factor: its mfaToken. */
export async function passwordStep(server: HttpServer, email: string, password: string): Promise<string> {
  const res = await request(server).post('/v1/auth/login').set(BEARER_MODE).send({ email, password });
  if (res.status !== 200 || res.body.mfaRequired !== true) throw new Error(`login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.mfaToken;
}

export const verifyMfa = (server: HttpServer, mfaToken: string, method: string, code: string) =>
  request(server).post('/v1/auth/mfa/verify').set(BEARER_MODE).send({ mfaToken, method, code });

/** The claims of a JWT, unverified (the tests only read what the service put there). */
export const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
