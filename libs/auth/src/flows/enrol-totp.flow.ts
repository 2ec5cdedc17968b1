import { Injectable } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { RecoveryCodesService, TotpEnrolment, TotpService } from '@identsphere/factors';
import { Mailer } from '@identsphere/mail';
import { UserErrors, UsersRepository } from '@identsphere/users';

/**
 * Adding an authenticator app: a pending secret shown once, then activated by a first valid code. The
 * first factor of an account also brings the first recovery codes, so the user can never be locked out
 * by a lost phone.
 */
@Injectable()
export class EnrolTotpFlow {
  constructor(
    private readonly totp: TotpService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly tx: TransactionHost,
  ) {}

  async begin(principal: Principal): Promise<TotpEnrolment> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw UserErrors.notFound();
    return this.totp.beginEnrolment(user.id, user.email);
  }

  /** Returns the first recovery codes, or none when the account already has some (they stay valid). */
  confirm(principal: Principal, code: string, client: ClientContext): Promise<string[]> {
    return this.tx.run(async () => {
      const user = await this.users.findById(principal.userId);
      if (!user) throw UserErrors.notFound();
      await this.totp.confirmEnrolment(user.id, code);
      const firstCodes = (await this.recoveryCodes.remaining(user.id)) === 0 ? await this.recoveryCodes.replace(user.id) : [];
      const detail = { method: 'totp', recovery_codes_issued: String(firstCodes.length) };
      await this.audit.record({ type: 'mfa_enabled', userId: user.id, sessionId: principal.sessionId, ip: client.ip, userAgent: client.userAgent, detail });
      await this.mailer.enqueue({ kind: 'totp-enabled', to: user.email });
      return firstCodes;
    });
  }
}
