// The session of one page. Closures rather than a class: private state in local variables minifies to
// single letters, which keeps the package small.
import { createIdentSphereClient, IdentSphereProblem, isProblem, unwrap } from '@identsphere/client';
import type { LoginResponse, ProblemCode, User } from '@identsphere/client';
import { createTabSync, SharedToken, TabMessage } from './tab-sync.js';
import type { Session, SessionEventName, SessionOptions, SessionStatus, SignInResult } from './types.js';
import { createCredential, getAssertion } from './webauthn.js';

/** A refresh answering one of these means the session is over (docs/api.md refresh). */
const SESSION_OVER: readonly ProblemCode[] = ['unauthorized', 'session_expired', 'session_revoked', 'refresh_token_reused'];

type Listener = (user: User | null) => void;
type Tokens = Pick<LoginResponse, 'accessToken' | 'expiresIn' | 'user'>;

/** RFC 6750: the access token itself was refused (expired, revoked, or its session ended). */
const isInvalidToken = (response: Response) => response.status === 401 && /error="?invalid_token/.test(response.headers.get('WWW-Authenticate') ?? '');
const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

/** Creates the session manager of one page; the app's tabs coordinate through `channelName`. */
export function createSession(options: SessionOptions): Session {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const refreshAheadMs = (options.refreshAheadSeconds ?? 30) * 1000;
  // Late-bound, so a fetch patched after the session was created is the one used.
  const fetch = (request: Request) => (options.fetch ?? globalThis.fetch)(request);
  /** Cookie mode without an access token: the sign-in flows and the refresh itself. */
  const api = createIdentSphereClient({ baseUrl, mode: 'cookie', fetch });
  const client = createIdentSphereClient({ baseUrl, mode: 'cookie', fetch: authorizedFetch });
  const sync = createTabSync(options.channelName ?? 'identsphere-session', onTabMessage);
  const listeners = new Map<SessionEventName, Set<Listener>>();

  /** Only in memory: never in storage, never in a cookie. */
  let token: SharedToken | null = null;
  let status: SessionStatus = 'unknown';
  /** Bumped each time the session ends here, so a refresh that began before cannot revive it. */
  let endings = 0;
  let refreshing: Promise<SharedToken | null> | null = null;
  let pendingMfaToken: string | null = null;

  const dueForRefresh = (t: SharedToken) => Date.now() >= t.expiresAt - Math.min(refreshAheadMs, t.lifetimeMs / 2);

  function emit(event: SessionEventName, user: User | null): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(user);
      } catch (error) {
        // A failing listener must not break the session; the error still reaches the console.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  function adopt(next: SharedToken): void {
    const continuing = status === 'signedIn' && token?.user.id === next.user.id;
    token = next;
    status = 'signedIn';
    emit(continuing ? 'refreshed' : 'signedIn', next.user);
  }

  /** A login-like answer of this tab: kept in memory and shared with the other tabs. */
  function establish(data: Tokens): SharedToken {
    const lifetimeMs = data.expiresIn * 1000;
    const next: SharedToken = { accessToken: data.accessToken, expiresAt: Date.now() + lifetimeMs, lifetimeMs, user: data.user };
    adopt(next);
    sync.post({ type: 'token', token: next });
    return next;
  }

  function signedIn(data: Tokens): SignInResult {
    pendingMfaToken = null;
    return { status: 'signedIn', user: establish(data).user };
  }

  function end(reason: 'signedOut' | 'expired', broadcast: boolean): void {
    const previous = status;
    token = pendingMfaToken = null;
    status = 'signedOut';
    endings++;
    if (broadcast) sync.post({ type: reason });
    if (reason === 'signedOut' ? previous !== 'signedOut' : previous === 'signedIn') emit(reason === 'signedOut' ? reason : 'sessionExpired', null);
  }

  function onTabMessage(message: TabMessage): void {
    if (message.type === 'token') {
      // The newest token wins: an older one arriving late is ignored.
      if (typeof message.token?.accessToken === 'string' && (!token || message.token.expiresAt > token.expiresAt)) adopt(message.token);
    } else if (message.type !== 'failed') end(message.type as 'signedOut' | 'expired', false);
  }

  /** Runs with the tabs' lock held: first adopts what another tab may just have got, else rotates the cookie. */
  async function refreshUnlessDone(stale: string | null, endingsBefore: number): Promise<SharedToken | null> {
    if (token && token.accessToken !== stale && !dueForRefresh(token)) return token;
    if (endings !== endingsBefore) return null;
    const result = await api.POST('/v1/auth/refresh');
    if (result.data) return establish(result.data);
    const problem = IdentSphereProblem.fromResponse(result.response, result.error);
    if (!SESSION_OVER.includes(problem.code)) throw problem;
    end('expired', status === 'signedIn');
    return null;
  }

  /** One refresh in flight per page; across tabs the TabSync serializes them. */
  function refresh(stale: string | null): Promise<SharedToken | null> {
    if (!refreshing) {
      const endingsBefore = endings;
      refreshing = sync.exclusive(() => refreshUnlessDone(stale, endingsBefore)).finally(() => (refreshing = null));
    }
    return refreshing;
  }

  async function getAccessToken(): Promise<string | null> {
    const current = token;
    if (current && !dueForRefresh(current)) return current.accessToken;
    if (!current && status === 'signedOut') return null;
    try {
      return (await refresh(current?.accessToken ?? null))?.accessToken ?? null;
    } catch (error) {
      // Only due for its early refresh and the service is unreachable: the token still works for now.
      if (current && current === token && current.expiresAt > Date.now()) return current.accessToken;
      throw error;
    }
  }

  async function authorizedFetch(request: Request): Promise<Response> {
    const used = request.headers.has('Authorization') ? null : await getAccessToken();
    if (!used) return fetch(request);
    const retry = request.clone();
    request.headers.set('Authorization', `Bearer ${used}`);
    const response = await fetch(request);
    if (!isInvalidToken(response)) return response;
    // Refused before its expiry (a skewed clock, a session ended elsewhere): one refresh, one retry.
    const fresh = await refresh(used).catch(() => null);
    if (!fresh) return response;
    retry.headers.set('Authorization', `Bearer ${fresh.accessToken}`);
    return fetch(retry);
  }

  return {
    client,
    get status() {
      return status;
    },
    get user() {
      return token?.user ?? null;
    },

    async restore() {
      if (token && !dueForRefresh(token)) return token.user;
      return (await refresh(token?.accessToken ?? null))?.user ?? null;
    },

    getAccessToken,

    async signUp({ email, password, displayName }) {
      const data = unwrap(await api.POST('/v1/auth/signup', { body: { email, password, ...(displayName !== undefined && { displayName }) } }));
      return 'accessToken' in data ? signedIn(data) : { status: 'emailVerificationRequired', user: data.user };
    },

    async signIn({ email, password }) {
      const data = unwrap(await api.POST('/v1/auth/login', { body: { email, password } }));
      if (!('mfaRequired' in data)) return signedIn(data);
      pendingMfaToken = data.mfaToken;
      return { status: 'mfaRequired', methods: data.methods, mfaToken: data.mfaToken };
    },

    async completeMfa(input) {
      const mfaToken = pendingMfaToken;
      if (!mfaToken) {
        throw new IdentSphereProblem({ type: 'urn:identsphere:problem:invalid_mfa_token', title: 'Invalid MFA token', status: 401, detail: 'No sign-in awaits a second factor.', code: 'invalid_mfa_token' });
      }
      try {
        const body =
          input.method === 'webauthn'
            ? { mfaToken, method: input.method, assertion: await getAssertion(unwrap(await api.POST('/v1/auth/passkey/options', { body: { mfaToken } }))) }
            : { mfaToken, method: input.method, code: input.code };
        return signedIn(unwrap(await api.POST('/v1/auth/mfa/verify', { body })));
      } catch (error) {
        // A wrong code leaves the mfaToken usable; a dead one means signing in again.
        if (isProblem(error, 'invalid_mfa_token')) pendingMfaToken = null;
        throw error;
      }
    },

    async signInWithPasskey() {
      const assertion = await getAssertion(unwrap(await api.POST('/v1/auth/passkey/options')));
      return signedIn(unwrap(await api.POST('/v1/auth/passkey/verify', { body: assertion })));
    },

    async registerPasskey(name) {
      const credential = await createCredential(unwrap(await client.POST('/v1/me/passkeys/options')));
      return unwrap(await client.POST('/v1/me/passkeys', { body: { ...credential, ...(name && { name }) } }));
    },

    ssoSignInUrl: (provider, returnTo) => `${baseUrl}/v1/auth/sso/start?${new URLSearchParams({ provider, returnTo })}`,

    async stepUp(input) {
      const body =
        input.method === 'webauthn'
          ? { method: input.method, assertion: await getAssertion(unwrap(await client.POST('/v1/auth/passkey/step-up-options'))) }
          : input.method === 'password'
            ? { method: input.method, password: input.password }
            : { method: input.method, code: input.code };
      const data = unwrap(await client.POST('/v1/auth/step-up', { body }));
      const user = token?.user ?? unwrap(await client.GET('/v1/me', { headers: bearer(data.accessToken) }));
      // The stepped-up token (new auth_time and acr) replaces the current one in every tab.
      establish({ ...data, user });
      return { acr: data.acr, recoveryCodesRemaining: data.recoveryCodesRemaining };
    },

    async signOut() {
      // The current access token names the session too; no refresh just to sign out.
      const current = token;
      try {
        unwrap(await api.POST('/v1/auth/logout', current ? { headers: bearer(current.accessToken) } : {}));
      } finally {
        end('signedOut', true);
      }
    },

    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },

    close() {
      listeners.clear();
      sync.close();
    },
  };
}
