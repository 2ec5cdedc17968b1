/** Who is calling, as established by the auth guard from a verified access token. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly roles: readonly string[];
}

/** Facts about the HTTP client that flows record (sessions, audit, throttles). */
export interface ClientContext {
  readonly ip: string;
  readonly userAgent: string | null;
}
