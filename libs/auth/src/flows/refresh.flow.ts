import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext } from '@identsphere/common';
import { AuthMetrics } from '@identsphere/observability';
import { SessionErrors, SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
import { SessionIssuer, SignedIn } from './session-issuer';

export interface Refreshed extends SignedIn {
  /** 'grace': the just-replaced token came back in the grace window and got the same successor. */
  readonly kind: 'rotated' | 'grace';
}

@Injectable()
export class RefreshFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly issuer: SessionIssuer,
    private readonly metrics: AuthMetrics,
    private readonly audit: AuditLog,
  ) {}

  async refresh(refreshToken: string | null, client: ClientContext): Promise<Refreshed> {
    const result = refreshToken ? await this.sessions.rotate(refreshToken, client) : ({ kind: 'invalid' } as const);
    switch (result.kind) {
      case 'invalid':
        this.metrics.refresh('invalid');
        throw SessionErrors.invalidToken();
      case 'revoked':
        this.metrics.refresh('revoked');
        throw SessionErrors.revoked();
      case 'expired':
        this.metrics.refresh('expired');
        throw SessionErrors.expired();
      case 'reused':
        this.metrics.refresh('reused');
        // After the revocation has committed (no rollback may undo it), so this event stands alone.
        await this.audit.record({ type: 'refresh_token_reused', userId: result.session.userId, sessionId: result.session.id, ip: client.ip, userAgent: client.userAgent });
        throw SessionErrors.reused();
    }
    const user = await this.users.findById(result.session.userId);
    if (!user || user.disabledAt) {
      await this.sessions.revoke(result.session.id, 'account_disabled');
      this.metrics.refresh('revoked');
      throw SessionErrors.revoked();
    }
    this.metrics.refresh(result.kind);
    const signedIn = await this.issuer.withAccessToken({ user, session: result.session, refreshToken: result.refreshToken });
    return { ...signedIn, kind: result.kind };
  }
}
