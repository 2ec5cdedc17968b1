import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { Session, SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';
import { User } from '@identsphere/users';

/** Everything a login-like response needs. */
export interface SignedIn {
  readonly user: User;
  readonly session: Session;
  readonly refreshToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** Starts a session and mints its first access token: the common tail of signup and login. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
  ) {}

  async startSession(user: User, client: ClientContext, amr: readonly string[]): Promise<Omit<SignedIn, 'accessToken' | 'expiresIn'>> {
    const { session, refreshToken } = await this.sessions.start(user.id, client, amr);
    return { user, session, refreshToken };
  }

  async withAccessToken(started: Omit<SignedIn, 'accessToken' | 'expiresIn'>): Promise<SignedIn> {
    const { user, session } = started;
    const { accessToken, expiresIn } = await this.accessTokens.issue({
      userId: user.id,
      sessionId: session.id,
      email: user.email,
      emailVerified: user.emailVerified,
      roles: user.roles,
      amr: session.amr,
    });
    return { ...started, accessToken, expiresIn };
  }

  async signIn(user: User, client: ClientContext, amr: readonly string[]): Promise<SignedIn> {
    return this.withAccessToken(await this.startSession(user, client, amr));
  }
}
