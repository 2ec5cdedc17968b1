import { createIdentSphereClient, IdentSphereProblem, isProblem, unwrap } from '@identsphere/client';
import type { IdentSphereClient, LoginResponse, ProblemCode, User } from '@identsphere/client';
import { SharedToken, TabMessage, TabSync } from './tab-sync.js';
import type { MfaInput, PasskeyRegistration, Session, SessionEventName, SessionOptions, SessionStatus, SignInResult, StepUpInput, StepUpResult } from './types.js';
import { createCredential, getAssertion } from './webauthn.js';

const DEFAULT_CHANNEL = 'identsphere-session';
const DEFAULT_REFRESH_AHEAD_SECONDS = 30;
/** A refresh answering one of these means the session is over (docs/api.md refresh). */
const SESSION_OVER: readonly ProblemCode[] = ['unauthorized', 'session_expired', 'session_revoked', 'refresh_token_reused'];

type Listener = (user: User | null) => void;
type Tokens = Pick<LoginResponse, 'accessToken' | 'expiresIn' | 'user'>;

/** RFC 6750: the access token itself was refused (expired, revoked, or its session ended). */
const isInvalidToken = (response: Response) => response.status === 401 && /error="?invalid_token/.test(response.headers.get('WWW-Authenticate') ?? '');

function noPendingMfa(): IdentSphereProblem {
  return new IdentSphereProblem({ type: 'urn:identsphere:problem:invalid_mfa_token', title: 'Invalid MFA token', status: 401, detail: 'No sign-in awaits a second factor; sign in again.', code: 'invalid_mfa_token' });
}

/** Creates the session manager of one page; the app's tabs coordinate through `channelName`. */
export function createSession(options: SessionOptions): Session {
  return new BrowserSession(options);
}

class BrowserSession implements Session {
  readonly client: IdentSphereClient;
  /** Cookie mode without an access token: the sign-in flows and the refresh itself. */
  private readonly api: IdentSphereClient;
  private readonly baseUrl: string;
  private readonly refreshAheadMs: number;
  private readonly fetch: (request: Request) => Promise<Response>;
  private readonly sync: TabSync;
  private readonly listeners = new Map<SessionEventName, Set<Listener>>();
  /** Only in memory: never in storage, never in a cookie. */
  private token: SharedToken | null = null;
  private currentUser: User | null = null;
  private currentStatus: SessionStatus = 'unknown';
  /** Bumped each time the session ends here, so a refresh that began before cannot revive it. */
  private endings = 0;
  private refreshing: Promise<SharedToken | null> | null = null;
  private pendingMfaToken: string | null = null;

  constructor(options: SessionOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.refreshAheadMs = (options.refreshAheadSeconds ?? DEFAULT_REFRESH_AHEAD_SECONDS) * 1000;
    // Late-bound, so a fetch patched after the session was created is the one used.
    this.fetch = (request) => (options.fetch ?? globalThis.fetch)(request);
    this.api = createIdentSphereClient({ baseUrl: this.baseUrl, mode: 'cookie', fetch: this.fetch });
    this.client = createIdentSphereClient({ baseUrl: this.baseUrl, mode: 'cookie', fetch: (request) => this.authorizedFetch(request) });
    this.sync = new TabSync(options.channelName ?? DEFAULT_CHANNEL, (message) => this.onTabMessage(message));
  }

  get status(): SessionStatus {
    return this.currentStatus;
  }

  get user(): User | null {
    return this.currentUser;
  }

  async restore(): Promise<User | null> {
    const token = this.token;
    if (token && !this.dueForRefresh(token)) return token.user;
    const fresh = await this.refresh(token?.accessToken ?? null);
    return fresh?.user ?? null;
  }

  async getAccessToken(): Promise<string | null> {
    const token = this.token;
    if (token && !this.dueForRefresh(token)) return token.accessToken;
    if (!token && this.currentStatus === 'signedOut') return null;
    try {
      return (await this.refresh(token?.accessToken ?? null))?.accessToken ?? null;
    } catch (error) {
      // Only due for its early refresh and the service is unreachable: the token still works for now.
      if (token && token.expiresAt > Date.now() && this.token === token) return token.accessToken;
      throw error;
    }
  }

  async signUp(input: { email: string; password: string; displayName?: string }): Promise<SignInResult> {
    const body = { email: input.email, password: input.password, ...(input.displayName !== undefined ? { displayName: input.displayName } : {}) };
    const data = unwrap(await this.api.POST('/v1/auth/signup', { body }));
    if (!('accessToken' in data)) return { status: 'emailVerificationRequired', user: data.user };
    return this.signedIn(data);
  }

  async signIn(input: { email: string; password: string }): Promise<SignInResult> {
    const data = unwrap(await this.api.POST('/v1/auth/login', { body: { email: input.email, password: input.password } }));
    if ('mfaRequired' in data) {
      this.pendingMfaToken = data.mfaToken;
      return { status: 'mfaRequired', methods: data.methods, mfaToken: data.mfaToken };
    }
    return this.signedIn(data);
  }

  async completeMfa(input: MfaInput): Promise<SignInResult> {
    const mfaToken = this.pendingMfaToken;
    if (!mfaToken) throw noPendingMfa();
    try {
      const body =
        input.method === 'webauthn'
          ? { mfaToken, method: input.method, assertion: await getAssertion(unwrap(await this.api.POST('/v1/auth/passkey/options', { body: { mfaToken } }))) }
          : { mfaToken, method: input.method, code: input.code };
      const data = unwrap(await this.api.POST('/v1/auth/mfa/verify', { body }));
      this.pendingMfaToken = null;
      return this.signedIn(data);
    } catch (error) {
      // A wrong code leaves the mfaToken usable; a dead one means signing in again.
      if (isProblem(error, 'invalid_mfa_token')) this.pendingMfaToken = null;
      throw error;
    }
  }

  async signInWithPasskey(): Promise<SignInResult> {
    const assertion = await getAssertion(unwrap(await this.api.POST('/v1/auth/passkey/options')));
    return this.signedIn(unwrap(await this.api.POST('/v1/auth/passkey/verify', { body: assertion })));
  }

  async registerPasskey(name?: string): Promise<PasskeyRegistration> {
    const credential = await createCredential(unwrap(await this.client.POST('/v1/me/passkeys/options')));
    return unwrap(await this.client.POST('/v1/me/passkeys', { body: { ...credential, ...(name ? { name } : {}) } }));
  }

  ssoSignInUrl(provider: string, returnTo: string): string {
    return `${this.baseUrl}/v1/auth/sso/start?${new URLSearchParams({ provider, returnTo })}`;
  }

  async stepUp(input: StepUpInput): Promise<StepUpResult> {
    const body =
      input.method === 'webauthn'
        ? { method: input.method, assertion: await getAssertion(unwrap(await this.client.POST('/v1/auth/passkey/step-up-options'))) }
        : input.method === 'password'
          ? { method: input.method, password: input.password }
          : { method: input.method, code: input.code };
    const data = unwrap(await this.client.POST('/v1/auth/step-up', { body }));
    const user = this.currentUser ?? unwrap(await this.client.GET('/v1/me', { headers: { Authorization: `Bearer ${data.accessToken}` } }));
    // The stepped-up token (new auth_time, acr) replaces the current one in every tab.
    this.establish({ accessToken: data.accessToken, expiresIn: data.expiresIn, user });
    return { acr: data.acr, ...(data.recoveryCodesRemaining !== undefined ? { recoveryCodesRemaining: data.recoveryCodesRemaining } : {}) };
  }

  async signOut(): Promise<void> {
    // The current access token names the session too; no refresh just to sign out.
    const token = this.token;
    this.pendingMfaToken = null;
    try {
      const result = await this.api.POST('/v1/auth/logout', token ? { headers: { Authorization: `Bearer ${token.accessToken}` } } : {});
      if (!result.response.ok) throw IdentSphereProblem.fromResponse(result.response, result.error);
    } finally {
      this.end('signedOut', true);
    }
  }

  on(event: SessionEventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.sync.close();
  }

  private dueForRefresh(token: SharedToken): boolean {
    return Date.now() >= token.expiresAt - Math.min(this.refreshAheadMs, token.lifetimeMs / 2);
  }

  /** One refresh in flight per page; across tabs the TabSync serializes them. */
  private refresh(stale: string | null): Promise<SharedToken | null> {
    if (!this.refreshing) {
      const endings = this.endings;
      this.refreshing = this.sync.exclusive(() => this.refreshUnlessDone(stale, endings)).finally(() => (this.refreshing = null));
    }
    return this.refreshing;
  }

  /** Runs with the tabs' lock held: first adopts what another tab may just have got, else rotates the cookie. */
  private async refreshUnlessDone(stale: string | null, endings: number): Promise<SharedToken | null> {
    const current = this.token;
    if (current && current.accessToken !== stale && !this.dueForRefresh(current)) return current;
    if (this.endings !== endings) return null;
    const result = await this.api.POST('/v1/auth/refresh');
    if (result.data) return this.establish(result.data);
    const problem = IdentSphereProblem.fromResponse(result.response, result.error);
    if (!SESSION_OVER.includes(problem.code)) throw problem;
    this.end('expired', this.currentStatus === 'signedIn');
    return null;
  }

  private async authorizedFetch(request: Request): Promise<Response> {
    if (request.headers.has('Authorization')) return this.fetch(request);
    const token = await this.getAccessToken();
    if (!token) return this.fetch(request);
    const retry = request.clone();
    request.headers.set('Authorization', `Bearer ${token}`);
    const response = await this.fetch(request);
    if (!isInvalidToken(response)) return response;
    // The token was refused before its expiry (a skewed clock, a key the service no longer has): one refresh, one retry.
    const fresh = await this.refresh(token).catch(() => null);
    if (!fresh) return response;
    retry.headers.set('Authorization', `Bearer ${fresh.accessToken}`);
    return this.fetch(retry);
  }

  private signedIn(data: Tokens): SignInResult {
    this.pendingMfaToken = null;
    return { status: 'signedIn', user: this.establish(data).user };
  }

  /** A login-like answer of this tab: kept in memory and shared with the other tabs. */
  private establish(data: Tokens): SharedToken {
    const lifetimeMs = data.expiresIn * 1000;
    const token: SharedToken = { accessToken: data.accessToken, expiresAt: Date.now() + lifetimeMs, lifetimeMs, user: data.user };
    this.setToken(token);
    this.sync.post({ type: 'token', token });
    return token;
  }

  private setToken(token: SharedToken): void {
    const continuing = this.currentStatus === 'signedIn' && this.currentUser?.id === token.user.id;
    this.token = token;
    this.currentUser = token.user;
    this.currentStatus = 'signedIn';
    this.emit(continuing ? 'refreshed' : 'signedIn', token.user);
  }

  private end(reason: 'signedOut' | 'expired', broadcast: boolean): void {
    const previous = this.currentStatus;
    this.token = null;
    this.currentUser = null;
    this.currentStatus = 'signedOut';
    this.endings++;
    if (broadcast) this.sync.post({ type: reason });
    if (reason === 'signedOut' && previous !== 'signedOut') this.emit('signedOut', null);
    if (reason === 'expired' && previous === 'signedIn') this.emit('sessionExpired', null);
  }

  private onTabMessage(message: TabMessage): void {
    if (message.type === 'token') {
      // The newest token wins: an older one arriving late is ignored.
      if (!this.token || message.token.expiresAt > this.token.expiresAt) this.setToken(message.token);
    } else if (message.type === 'signedOut' || message.type === 'expired') {
      this.pendingMfaToken = null;
      this.end(message.type, false);
    }
  }

  private emit(event: SessionEventName, user: User | null): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
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
}
