import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { RefreshTokenCodec, Session, SessionRow, sessionInsertSql, SessionsService, toSession } from '@identsphere/sessions';
import { AccessTokenService, IssuedAccessToken } from '@identsphere/tokens';
import { User } from '@identsphere/users';
import { assuranceOf, AuthAssurance } from '../strategies/assurance';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import type { SignInMethod } from '../strategies/sign-in-strategy';

/** Everything a login-like response needs. */
export interface SignedIn {
  readonly user: User;
  readonly session: Session;
  readonly refreshToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
  /** The second factors the account has, for the response's `user.mfaMethods`. */
  readonly mfaMethods: readonly SignInMethod[];
  /** Only for a login completed with a recovery code: how many unused ones are left. */
  readonly recoveryCodesRemaining?: number;
}

export type StartedSession = Omit<SignedIn, 'accessToken' | 'expiresIn' | 'mfaMethods'>;

/** The CTE that starts a session inside a bigger statement (see startSessionSql); its row is the new session. */
export const NEW_SESSION_CTE = 'new_session';

/** Starts a session and mints its access tokens: the common tail of signup, login, MFA completion and refresh. */
@Injectable()
export class SessionIssuer {
  private readonly codec: RefreshTokenCodec;

  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly strategies: SignInStrategies,
    private readonly config: AppConfig,
  ) {
    this.codec = new RefreshTokenCodec(config.tokens.secret);
  }

  /** `amr`: what this sign-in proved; the session's `acr` follows from it and the MFA policy. */
  async startSession(user: User, client: ClientContext, amr: readonly string[]): Promise<StartedSession> {
    const acr = await this.assuranceFor(user.id, amr);
    const { session, refreshToken } = await this.sessions.start(user.id, client, amr, acr);
    return { user, session, refreshToken };
  }

  /**
   * startSession() as the body of a CTE named NEW_SESSION_CTE, for a statement that starts the session along
   * other work (login: with the throttle reset and the audit row, one round trip); `acr` from assuranceOf.
   * Read the result back with startedFrom().
   */
  startSessionSql(user: User, client: ClientContext, amr: readonly string[], acr: string, bind: (value: unknown) => string): string {
    return sessionInsertSql({ userId: user.id, userAgent: client.userAgent, ip: client.ip, amr, acr, absoluteTtlSeconds: this.config.sessions.absoluteTtlSeconds }, bind);
  }

  startedFrom(user: User, row: SessionRow): StartedSession {
    const session = toSession(row);
    return { user, session, refreshToken: this.codec.encode(session.id, session.counter) };
  }

  /** `mfaMethods`: the user's second factors when the caller already read them (else one more query). */
  async withAccessToken(started: StartedSession, mfaMethods?: readonly SignInMethod[]): Promise<SignedIn> {
    const { accessToken, expiresIn } = await this.mintAccessToken(started.user, started.session);
    return { ...started, accessToken, expiresIn, mfaMethods: mfaMethods ?? (await this.strategies.secondFactorsOf(started.user.id)) };
  }

  /** An access token for the session as it stands (its amr, acr and auth_time): refresh and step-up. */
  mintAccessToken(user: User, session: Session): Promise<IssuedAccessToken> {
    return this.accessTokens.issue({
      userId: user.id,
      sessionId: session.id,
      email: user.email,
      emailVerified: user.emailVerified,
      roles: user.roles,
      amr: session.amr,
      acr: session.acr,
      authTime: session.authTime,
    });
  }

  async signIn(user: User, client: ClientContext, amr: readonly string[]): Promise<SignedIn> {
    return this.withAccessToken(await this.startSession(user, client, amr));
  }

  /** With IDENTSPHERE_MFA_REQUIRED=all, one factor on an account without a second one opens an enrol-only session. */
  async assuranceFor(userId: string, amr: readonly string[]): Promise<AuthAssurance> {
    const assurance = assuranceOf(amr);
    if (assurance === 'mfa' || this.config.mfa.required !== 'all') return assurance;
    return this.assuranceGiven(amr, await this.strategies.secondFactorsOf(userId));
  }

  /** assuranceFor() when the caller already knows the user's second factors. */
  assuranceGiven(amr: readonly string[], secondFactors: readonly SignInMethod[]): AuthAssurance {
    const assurance = assuranceOf(amr);
    if (assurance === 'mfa' || this.config.mfa.required !== 'all') return assurance;
    return secondFactors.length === 0 ? 'enrol' : assurance;
  }
}
