/** Who is calling, as established by the auth guard from a verified access token. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly roles: readonly string[];
  /** RFC 8176 methods proved for this session, e.g. ['pwd'] or ['pwd', 'otp']. */
  readonly amr: readonly string[];
  /** When the user last proved who they are (login or step-up): the token's `auth_time`. */
  readonly authTime: Date;
  /** 'pwd' (one factor), 'mfa' (a second factor proved) or 'enrol' (a session limited to enrolling a factor). */
  readonly acr: string;
}

/** Facts about the HTTP client that flows record (sessions, audit, throttles). */
export interface ClientContext {
  readonly ip: string;
  readonly userAgent: string | null;
}

/**
 * A machine client (service account) calling with a client-credentials access token: no user, no session.
 * Only routes that accept clients (@AdminOnly()) ever see one; every other route keeps answering 401.
 */
export interface MachinePrincipal {
  readonly kind: 'client';
  readonly clientId: string;
  readonly scopes: readonly string[];
}

/** Whoever passed the auth guard: a signed-in user or, on routes that accept them, a machine client. */
export type Caller = Principal | MachinePrincipal;

export function isMachine(caller: Caller): caller is MachinePrincipal {
  return (caller as MachinePrincipal).kind === 'client';
}

/** The id recorded as `actor_id` in the audit log: the user's id or the client's id. */
export function actorIdOf(caller: Caller): string {
  return isMachine(caller) ? caller.clientId : caller.userId;
}

/**
 * Port: whether a machine client may still call (it exists and is not disabled). The clients lib provides
 * it; without that lib no machine client is ever admitted. Checked on every request, so disabling a client
 * takes effect at once, like revoking a session.
 */
export abstract class MachineClientStatus {
  abstract isActive(clientId: string): Promise<boolean>;
}
