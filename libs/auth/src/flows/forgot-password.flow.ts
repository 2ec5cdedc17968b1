import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { OneTimeTokensService } from '@identsphere/tokens';
import { normalizeEmail, UsersRepository } from '@identsphere/users';
import { counted, mailTo } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { MailThrottle } from './mail-throttle';

@Injectable()
export class ForgotPasswordFlow implements OnModuleDestroy {
  private readonly logger = new Logger('ForgotPassword');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly throttle: MailThrottle,
    private readonly users: UsersRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * Same answer, same throttle and the same work on the request path whether or not the account exists:
   * the lookup, token and outbox row happen after the response is decided, so neither the status, the
   * body nor the latency tells an attacker which addresses have accounts.
   * Only the caller's own client budget answers 429. A spent per-address budget drops the mail silently:
   * a 429 there would let anyone block another person's recovery by asking on their behalf.
   */
  async forgot(email: string, client: ClientContext): Promise<void> {
    const address = normalizeEmail(email);
    await this.throttle.admitClient(client);
    if (!(await this.throttle.recipientBudgetLeft(address))) {
      this.logger.warn('reset mail dropped: recipient budget spent');
      await this.outcomes.record([counted.mailDropped('recipient_budget')], client);
      return;
    }
    const work: Promise<void> = this.mailResetLink(address)
      .catch((error: Error) => this.logger.warn(`reset mail not queued: ${error.message}`))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Shutdown waits for queued look-ups, so an accepted request is not dropped by a rolling deploy. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async mailResetLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.disabledAt) return;
    await this.tx.run(async () => {
      const token = await this.tokens.issue('reset-password', user.id, user.email);
      await this.outcomes.record([mailTo({ kind: 'reset-password', to: user.email, token })], undefined);
    });
  }
}
