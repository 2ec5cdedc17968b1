import { Injectable } from '@nestjs/common';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';

/** Ends the session named by a refresh token and/or an access token. Idempotent: never fails. */
@Injectable()
export class LogoutFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
  ) {}

  async logout(refreshToken: string | null, accessToken: string | null): Promise<void> {
    const ids = new Set<string>();
    const fromRefresh = refreshToken ? this.sessions.sessionIdOf(refreshToken) : null;
    if (fromRefresh) ids.add(fromRefresh);
    if (accessToken) {
      const principal = await this.accessTokens.verify(accessToken).catch(() => null);
      if (principal) ids.add(principal.sessionId);
    }
    for (const id of ids) await this.sessions.revoke(id, 'logout');
  }
}
