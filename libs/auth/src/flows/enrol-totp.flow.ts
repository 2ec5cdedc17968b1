import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { RecoveryCodesService, TotpEnrolment, TotpService } from '@identsphere/factors';
import { UserErrors, UsersRepository } from '@identsphere/users';
import { mailTo, mfaEnabled } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';

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
    private readonly outcomes: FlowOutcomes,
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
      await this.outcomes.record([mfaEnabled(user.id, principal.sessionId, detail), mailTo({ kind: 'totp-enabled', to: user.email })], client);
      return firstCodes;
    });
  }
}
