import { randomBytes } from 'node:crypto';
import { BenchHttpClient, HttpResult, jsonOf, sleep } from './http-client';

export const BEARER = { 'x-auth-mode': 'bearer' } as const;

export interface Account {
  readonly email: string;
  readonly password: string;
  readonly accessToken: string;
  /** The newest refresh token of the account's signup session (bearer mode). */
  refreshToken: string;
}

interface LoginLike {
  accessToken: string;
  refreshToken: string;
}

/**
 * A password the policy accepts: ≥ 15 code points, not on the common list, without the email's local part
 * or "identsphere".
 */
export const strongPassword = () => `Quiet-Lantern-${randomBytes(9).toString('base64url')}-Orbit`;

/** Signs up `count` accounts in bearer mode, a few at a time, honouring 503 + Retry-After from the hash gate. */
export async function createAccounts(client: BenchHttpClient, runId: string, count: number, parallel: number): Promise<Account[]> {
  const accounts: Account[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) accounts[i] = await signUp(client, `bench-${runId}-${i}@example.com`);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return accounts;
}

async function signUp(client: BenchHttpClient, email: string): Promise<Account> {
  const password = strongPassword();
  for (let attempt = 1; ; attempt++) {
    const res = await client.send({ method: 'POST', path: '/v1/auth/signup', headers: BEARER, json: { email, password } });
    if (res.status === 201) {
      const body = jsonOf<LoginLike>(res, 'signup');
      return { email, password, accessToken: body.accessToken, refreshToken: body.refreshToken };
    }
    if (res.status !== 503 || attempt >= 20) throw new Error(`signup failed with status ${res.status}: ${res.body.slice(0, 300)}`);
    await sleep(retryAfterMs(res) || 1_000);
  }
}

/** Retry-After in ms (seconds form only, as the service sends it); NaN when absent or malformed. */
export function retryAfterMs(res: Pick<HttpResult, 'headers'>): number {
  const value = res.headers['retry-after'];
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Number.NaN;
}
