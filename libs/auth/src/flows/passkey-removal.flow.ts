import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { PasskeysService, RecoveryCodesService } from '@identsphere/factors';
import { Mailer } from '@identsphere/mail';
import { UsersRepository } from '@identsphere/users';
import { EnrolledFactors } from './enrolled-factors';

/**
 * Removing a passkey is a security event (recorded, mailed to the owner), like removing the authenticator
 * app: when it was the last factor the recovery codes go too, and losing MFA is recorded as its own event.
 */
@Injectable()
export class PasskeyRemovalFlow {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly factors: EnrolledFactors,
    private readonly users: UsersRepository,
    private readonly mailer: Mailer,
    private readonly audit: AuditLog,
    private readonly tx: TransactionHost,
  ) {}

  remove(principal: Principal, passkeyId: string, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      const removed = await this.passkeys.remove(principal.userId, passkeyId);
      if (!removed) throw CommonErrors.notFound('passkey');
      const lastFactor = (await this.factors.primaryOf(principal.userId)).length === 0;
      if (lastFactor) await this.recoveryCodes.deleteAll(principal.userId);
      const event = { userId: principal.userId, sessionId: principal.sessionId, ip: client.ip, userAgent: client.userAgent };
      await this.audit.record({ ...event, type: 'mfa_disabled', detail: { method: 'webauthn', factor_id: removed.id, last_factor: String(lastFactor) } });
      if (lastFactor) await this.audit.record({ ...event, type: 'mfa_last_factor_removed', detail: { method: 'webauthn' } });
      const user = await this.users.findById(principal.userId);
      if (user) await this.mailer.enqueue({ kind: 'factor-disabled', to: user.email, factor: 'webauthn', lastFactor });
    });
  }
}
