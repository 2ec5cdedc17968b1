import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';

@Injectable()
export class LogoutAllFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditLog,
  ) {}

  async logoutAll(principal: Principal, client: ClientContext): Promise<void> {
    await this.tx.run(async () => {
      const revoked = await this.sessions.revokeAll(principal.userId, 'logout_all');
      const detail = { sessions_revoked: String(revoked.length) };
      await this.audit.record({ type: 'logout_all', userId: principal.userId, sessionId: principal.sessionId, ip: client.ip, userAgent: client.userAgent, detail });
    });
  }
}
