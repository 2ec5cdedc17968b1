import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { RecoveryCodesService } from '@identsphere/factors';
import { flowEvent, mailOwner } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import type { SignInAttempt, SignInStrategy, StrategyVerdict } from './sign-in-strategy';

/**
 * A recovery code as the second factor, for a user without their authenticator. Using one is a security
 * event in itself (recorded and mailed to the owner whichever flow asked), so it is reported here, in the
 * transaction that spends the code; `detail.remaining` lets the flow tell the client how many are left.
 */
@Injectable()
export class RecoveryCodeStrategy implements SignInStrategy {
  readonly id = 'recovery_code' as const;
  readonly amr = ['otp'] as const;
  readonly secondFactor = true;

  constructor(
    private readonly codes: RecoveryCodesService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  async isEnrolled(userId: string): Promise<boolean> {
    return (await this.codes.remaining(userId)) > 0;
  }

  verify(attempt: SignInAttempt): Promise<StrategyVerdict> {
    return this.tx.run(async () => {
      const use = await this.codes.use(attempt.userId, attempt.proof.code ?? '');
      if (!use.ok) return { ok: false, reason: 'wrong_code' };
      const detail = { remaining: String(use.remaining) };
      const used = flowEvent('recovery_code_used', attempt.userId, null, detail);
      await this.outcomes.record([used, mailOwner(attempt.userId, { kind: 'recovery-code-used', remaining: use.remaining })], attempt.client);
      return { ok: true, detail };
    });
  }
}
