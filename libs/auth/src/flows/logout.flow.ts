import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';

/** Ends the session named by a refresh token and/or an access token. Idempotent: never fails. */
@Injectable()
export class LogoutFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly tx: TransactionHost,
    private readonly outcomes: FlowOutcomes,
  ) {}

  async logout(refreshToken: string | null, accessToken: string | null, client: ClientContext): Promise<void> {
    if (refreshToken) await this.endWithRefreshToken(refreshToken, client);
    const principal = accessToken ? await this.accessTokens.verify(accessToken).catch(() => null) : null;
    if (principal) await this.endSession(principal.sessionId, client);
  }

  /**
   * A refresh token older than the grace window is a replay: it revokes the session as refresh reuse does
   * and says so in the user's log, instead of passing for an ordinary logout.
   */
  private endWithRefreshToken(refreshToken: string, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      const result = await this.sessions.endWithRefreshToken(refreshToken);
      if (result.kind === 'none') return;
      const type = result.kind === 'reused' ? 'refresh_token_reused' : 'logout';
      await this.outcomes.record([flowEvent(type, result.session.userId, result.session.id)], client);
    });
  }

  /** The revocation and its logout event commit together; an already-ended session records nothing. */
  private endSession(sessionId: string, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      const userId = await this.sessions.revoke(sessionId, 'logout');
      if (userId) await this.outcomes.record([flowEvent('logout', userId, sessionId)], client);
    });
  }
}
