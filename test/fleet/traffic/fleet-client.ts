import { randomBytes } from 'node:crypto';

/** How one request ended: a status with its problem code, or the transport error that ended it. */
export interface Outcome {
  readonly op: 'signup' | 'login' | 'refresh' | 'me';
  /** 0 when the request failed below HTTP (reset, refused, timeout). */
  readonly status: number;
  /** The problem details `code`, when the answer was one. */
  readonly code?: string;
  readonly retryAfter?: string;
  /** The instance HAProxy routed to (its X-Fleet-Instance header), when it answered. */
  readonly instance?: string;
  readonly error?: string;
  readonly at: number;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

const REQUEST_TIMEOUT_MS = 20_000;
const BEARER = { 'X-Auth-Mode': 'bearer', 'Content-Type': 'application/json' };

export const newCredentials = (prefix = 'fleet'): Credentials => ({
  email: `${prefix}-${randomBytes(6).toString('hex')}@example.com`,
  password: `Fleet-${randomBytes(12).toString('base64url')}-pass`,
});

/** Sends one request through the fleet (fetch keeps connections alive) and classifies the answer. */
export async function send(url: string, op: Outcome['op'], init: RequestInit): Promise<{ outcome: Outcome; body: any }> {
  const at = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      // HAProxy's own error pages are HTML; the status tells enough
    }
    const outcome: Outcome = {
      op,
      status: res.status,
      code: res.ok ? undefined : (body?.code as string | undefined),
      retryAfter: res.headers.get('retry-after') ?? undefined,
      instance: res.headers.get('x-fleet-instance') ?? undefined,
      at,
    };
    return { outcome, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { outcome: { op, status: 0, error: cause ?? (error as Error).name, at }, body: null };
  }
}

/**
 * A user of the service in bearer mode: signs in once, then refreshes (each refresh rotates the token)
 * and calls GET /v1/me with the access token it got. It keeps its current refresh token across failures,
 * as a real client does, and retries with it.
 */
export class FleetClient {
  refreshToken = '';
  accessToken = '';

  constructor(
    private readonly baseUrl: string,
    readonly credentials: Credentials,
  ) {}

  async signup(): Promise<Outcome> {
    const { outcome, body } = await send(`${this.baseUrl}/v1/auth/signup`, 'signup', { method: 'POST', headers: BEARER, body: JSON.stringify(this.credentials) });
    if (outcome.status === 201) this.adopt(body);
    return outcome;
  }

  async login(password = this.credentials.password): Promise<Outcome> {
    const { outcome, body } = await send(`${this.baseUrl}/v1/auth/login`, 'login', {
      method: 'POST',
      headers: BEARER,
      body: JSON.stringify({ email: this.credentials.email, password }),
    });
    if (outcome.status === 200) this.adopt(body);
    return outcome;
  }

  async refresh(): Promise<Outcome> {
    const { outcome, body } = await send(`${this.baseUrl}/v1/auth/refresh`, 'refresh', {
      method: 'POST',
      headers: BEARER,
      body: JSON.stringify({ refreshToken: this.refreshToken }),
    });
    if (outcome.status === 200) this.adopt(body);
    return outcome;
  }

  async me(): Promise<Outcome> {
    const { outcome, body } = await send(`${this.baseUrl}/v1/me`, 'me', { headers: { Authorization: `Bearer ${this.accessToken}` } });
    if (outcome.status === 200 && body?.email !== this.credentials.email) return { ...outcome, status: -1, error: 'wrong user' };
    return outcome;
  }

  private adopt(body: any): void {
    this.accessToken = body.accessToken;
    this.refreshToken = body.refreshToken;
  }
}

/** Creates `count` signed-in clients, `concurrency` signups at a time (each one costs a password hash). */
export async function signedInClients(baseUrl: string, count: number, concurrency = 4): Promise<FleetClient[]> {
  const clients = Array.from({ length: count }, () => new FleetClient(baseUrl, newCredentials()));
  for (let i = 0; i < clients.length; i += concurrency) {
    const outcomes = await Promise.all(clients.slice(i, i + concurrency).map((c) => c.signup()));
    const failed = outcomes.find((o) => o.status !== 201);
    if (failed) throw new Error(`signup failed: ${JSON.stringify(failed)}`);
  }
  return clients;
}
