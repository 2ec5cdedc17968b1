import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { ADDRESS_GRANTS } from './address-grants';

@Injectable()
export class LogoutAllFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: OneTimeTokensService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditLog,
  ) {}

  /** "Sign out everywhere" is how an owner throws out an intruder: the intruder's pending address change goes too. */
  async logoutAll(principal: Principal, client: ClientContext): Promise<void> {
    await this.tx.run(async () => {
      const revoked = await this.sessions.revokeAll(principal.userId, 'logout_all');
      await this.tokens.revoke(principal.userId, ADDRESS_GRANTS);
      const detail = { sessions_revoked: String(revoked.length) };
      await this.audit.record({ type: 'logout_all', userId: principal.userId, sessionId: principal.sessionId, ip: client.ip, userAgent: client.userAgent, detail });
    });
  }
}
