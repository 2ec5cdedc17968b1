import type { Client, MfaMethod, paths, StepUpResponse, User, components } from '@identsphere/client';

export interface SessionOptions {
  /** The service's public base URL, e.g. `https://auth.example.com`; `''` = the page's own origin (same host or a dev proxy). */
  readonly baseUrl: string;
  /** Refresh this long before the access token expires (default 30; at most half the token's lifetime is used). */
  readonly refreshAheadSeconds?: number;
  /** Defaults to the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Shared by the app's tabs: the Web Lock and BroadcastChannel name (default 'identsphere-session'). */
  readonly channelName?: string;
}

export type SessionStatus = 'unknown' | 'signedIn' | 'signedOut';
export type SessionEventName = 'signedIn' | 'signedOut' | 'sessionExpired' | 'refreshed';

/** What to show next after a sign-in step. */
export type SignInResult =
  | { readonly status: 'signedIn'; readonly user: User }
  /** Ask for one of `methods`, then call completeMfa(). The session keeps `mfaToken` (valid 5 minutes). */
  | { readonly status: 'mfaRequired'; readonly methods: MfaMethod[]; readonly mfaToken: string }
  /** signUp() with IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true: no session until the mailed link is followed. */
  | { readonly status: 'emailVerificationRequired'; readonly user: User };

/** The second step of a password sign-in (docs/api.md verifyMfa): a code, or a passkey of the account. */
export type MfaInput = { readonly method: 'totp' | 'recovery_code'; readonly code: string } | { readonly method: 'webauthn' };

/** A re-authentication in the current session (docs/api.md stepUp). */
export type StepUpInput =
  | { readonly method: 'password'; readonly password: string }
  | { readonly method: 'totp' | 'recovery_code'; readonly code: string }
  | { readonly method: 'webauthn' };

export type StepUpResult = Pick<StepUpResponse, 'acr' | 'recoveryCodesRemaining'>;
export type PasskeyRegistration = components['schemas']['PasskeyRegistration'];
/** A method `stepUp` accepts, as a `step_up_required` problem lists them. */
export type StepUpMethod = StepUpInput['method'];

export interface Session {
  /** Typed client whose calls carry the current access token and the CSRF header, retried once after a 401 invalid_token. */
  readonly client: Client<paths>;
  readonly status: SessionStatus;
  readonly user: User | null;
  /** Page load (and return from SSO): a silent refresh from the HttpOnly cookie. Null when there is no session. */
  restore(): Promise<User | null>;
  /** The current access token, refreshed ahead of expiry; one refresh in flight per page and across tabs. */
  getAccessToken(): Promise<string | null>;
  signUp(input: { email: string; password: string; displayName?: string }): Promise<SignInResult>;
  signIn(input: { email: string; password: string }): Promise<SignInResult>;
  completeMfa(input: MfaInput): Promise<SignInResult>;
  /** Passwordless sign-in with a discoverable passkey (navigator.credentials.get with the server's options). */
  signInWithPasskey(): Promise<SignInResult>;
  /** Registers a passkey of this device (navigator.credentials.create); may need stepUp() first. */
  registerPasskey(name?: string): Promise<PasskeyRegistration>;
  /** Where to send the browser to sign in with an identity provider (cookie mode); call restore() on `returnTo`. */
  ssoSignInUrl(provider: string, returnTo: string): string;
  stepUp(input: StepUpInput): Promise<StepUpResult>;
  /** Ends the session here and in every tab (each hears 'signedOut'). */
  signOut(): Promise<void>;
  on(event: SessionEventName, listener: (user: User | null) => void): () => void;
  /** Drops listeners, the channel and timers. */
  close(): void;
}
