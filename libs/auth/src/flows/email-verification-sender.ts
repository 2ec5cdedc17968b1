import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import { OneTimeTokensService } from '@identsphere/tokens';
import { mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';

/** Issues a verify-email token (older ones stop working) and queues its mail: shared by signup and the resend endpoint. */
@Injectable()
export class EmailVerificationSender {
  constructor(
    private readonly tokens: OneTimeTokensService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  /** Joins the caller's transaction when there is one, so the token and its mail commit with the change. */
  send(user: { readonly id: string; readonly email: string }): Promise<void> {
    return this.tx.run(async () => {
      const token = await this.tokens.issue('verify-email', user.id, user.email);
      await this.outcomes.record([mailTo({ kind: 'verify-email', to: user.email, token })], undefined);
    });
  }
}
