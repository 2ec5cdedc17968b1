import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { FactorErrors, RecoveryCodesService } from '@identsphere/factors';
import { UserErrors, UsersRepository } from '@identsphere/users';
import { flowEvent, mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { EnrolledFactors } from './enrolled-factors';

/** A new set of recovery codes; every older code dies in the same transaction. Recorded and mailed. */
@Injectable()
export class RegenerateRecoveryCodesFlow {
  constructor(
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly factors: EnrolledFactors,
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  regenerate(principal: Principal, client: ClientContext): Promise<string[]> {
    return this.tx.run(async () => {
      const user = await this.users.findById(principal.userId);
      if (!user) throw UserErrors.notFound();
      // Codes back up a factor; alone they would be a second factor nobody chose.
      if ((await this.factors.primaryOf(user.id)).length === 0) throw FactorErrors.mfaNotEnabled();
      const codes = await this.recoveryCodes.replace(user.id);
      const regenerated = flowEvent('recovery_codes_regenerated', user.id, principal.sessionId);
      await this.outcomes.record([regenerated, mailTo({ kind: 'recovery-codes-regenerated', to: user.email })], client);
      return codes;
    });
  }
}
