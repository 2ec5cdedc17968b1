import { Injectable } from '@nestjs/common';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { RecoveryCodesService, TotpService } from '@identsphere/factors';
import { factorRemoved, mailOwner } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { EnrolledFactors } from './enrolled-factors';

/**
 * Removing the authenticator app is a security event (recorded, mailed to the owner). When it was the
 * last factor the recovery codes go too, since they would otherwise be a weaker second factor standing
 * alone, and losing MFA is recorded as its own event.
 */
@Injectable()
export class DisableTotpFlow {
  constructor(
    private readonly totp: TotpService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly factors: EnrolledFactors,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  disable(principal: Principal, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      if (!(await this.totp.disable(principal.userId))) throw CommonErrors.notFound('authenticator app');
      const lastFactor = (await this.factors.primaryOf(principal.userId)).length === 0;
      if (lastFactor) await this.recoveryCodes.deleteAll(principal.userId);
      const notice = mailOwner(principal.userId, { kind: 'factor-disabled', factor: 'totp', lastFactor });
      await this.outcomes.record([...factorRemoved(principal.userId, principal.sessionId, 'totp', lastFactor), notice], client);
    });
  }
}
