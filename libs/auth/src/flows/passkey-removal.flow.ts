import { Injectable } from '@nestjs/common';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { PasskeysService, RecoveryCodesService } from '@identsphere/factors';
import { factorRemoved, mailOwner } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
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
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  remove(principal: Principal, passkeyId: string, client: ClientContext): Promise<void> {
    return this.tx.run(async () => {
      const removed = await this.passkeys.remove(principal.userId, passkeyId);
      if (!removed) throw CommonErrors.notFound('passkey');
      const lastFactor = (await this.factors.primaryOf(principal.userId)).length === 0;
      if (lastFactor) await this.recoveryCodes.deleteAll(principal.userId);
      const events = factorRemoved(principal.userId, principal.sessionId, 'webauthn', lastFactor, { factor_id: removed.id });
      const notice = mailOwner(principal.userId, { kind: 'factor-disabled', factor: 'webauthn', lastFactor });
      await this.outcomes.record([...events, notice], client);
    });
  }
}
