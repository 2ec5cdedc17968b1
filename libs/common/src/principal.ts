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
