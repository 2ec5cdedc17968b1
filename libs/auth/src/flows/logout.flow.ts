import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';

/** Ends the session named by a refresh token and/or an access token. Idempotent: never fails. */
@Injectable()
export class LogoutFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditLog,
  ) {}

  async logout(refreshToken: string | null, accessToken: string | null, client: ClientContext): Promise<void> {
    const ids = new Set<string>();
    const fromRefresh = refreshToken ? this.sessions.sessionIdOf(refreshToken) : null;
    if (fromRefresh) ids.add(fromRefresh);
    if (accessToken) {
      const principal = await this.accessTokens.verify(accessToken).catch(() => null);
      if (principal) ids.add(principal.sessionId);
    }
    for (const id of ids) await this.end(id, client);
  }

  /** The revocation and its logout event commit together; an already-ended session records nothing. */
  private end(sessionId: string, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      const userId = await this.sessions.revoke(sessionId, 'logout');
      if (userId) await this.audit.record({ type: 'logout', userId, sessionId, ip: client.ip, userAgent: client.userAgent });
    });
  }
}
