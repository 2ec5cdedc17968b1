import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditLog, auditInsertSql } from '@identsphere/audit';
import type { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { Mailer, MailMessage, MailMetrics } from '@identsphere/mail';
import { UsersRepository } from '@identsphere/users';
import { WebhookPublisher } from '@identsphere/webhooks';
import { AuthMetrics } from '../auth-metrics';
import type { MetricCount } from './flow-count';
import type { FlowEvent } from './flow-event';
import type { FlowMail } from './flow-mail';
import type { FlowOutcome } from './flow-outcome';
import { webhookOf } from './flow-webhooks';

/**
 * The one post-flow step (Kratos's PostHookExecutor): fans out what a flow says happened. Audit rows get
 * the client's ip and user agent; mails go to the outbox; both write through the ambient transaction, so
 * called inside a flow's `tx.run()` they commit or roll back with the change they describe. Metrics are
 * counted after that commit, since a counter cannot be rolled back.
 */
@Injectable()
export class FlowOutcomes {
  constructor(
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly users: UsersRepository,
    private readonly authMetrics: AuthMetrics,
    private readonly mailMetrics: MailMetrics,
    private readonly tx: TransactionHost,
    // Absent where the auth stack is composed without WebhooksModule (the medium test tier).
    @Optional() @Inject(WebhookPublisher) private readonly webhooks: WebhookPublisher | null = null,
  ) {}

  /** `client` is absent for an operator's action with no HTTP client (e.g. disabling an account from a job). */
  async record(outcomes: readonly FlowOutcome[], client: ClientContext | undefined): Promise<void> {
    for (const outcome of outcomes) {
      switch (outcome.channel) {
        case 'audit':
          await this.auditRow(outcome, client);
          await this.announce(outcome);
          break;
        case 'mail':
          await this.mail(outcome);
          break;
        case 'metric':
          this.tx.afterCommit(() => this.count(outcome.count));
          break;
      }
    }
  }

  /**
   * The audit rows of `events` as CTE bodies for a statement that makes the change they describe (login's
   * one round trip): they commit with it, as record() inside `tx.run()` would. Only for events that announce
   * no webhook (those need the fan-out record() does); metrics stay with record(), after the statement.
   */
  inStatement(events: readonly FlowEvent[], client: ClientContext | undefined, bind: (value: unknown) => string, sessionIdSql?: string): string[] {
    return events.map((event) => {
      if (webhookOf(event)) throw new Error(`${event.type} announces a webhook: record it with record(), not inside a statement`);
      const { type, userId, sessionId, detail, actorId } = event;
      return auditInsertSql({ type, userId, sessionId, detail, actorId, ip: client?.ip ?? null, userAgent: client?.userAgent ?? null }, bind, sessionIdSql);
    });
  }

  private async auditRow({ type, userId, sessionId, detail, actorId }: FlowEvent, client: ClientContext | undefined): Promise<void> {
    const row = { type, userId, sessionId: sessionId ?? null, ip: client?.ip ?? null, userAgent: client?.userAgent ?? null, ...(actorId ? { actorId } : {}) };
    await this.audit.record(detail ? { ...row, detail } : row);
  }

  /** Webhooks for the account events receivers subscribe to, in the same transaction as the audit row. */
  private async announce(event: FlowEvent): Promise<void> {
    const webhook = webhookOf(event);
    if (webhook && this.webhooks) await this.webhooks.publish(webhook.type, webhook.data);
  }

  private async mail(mail: FlowMail): Promise<void> {
    if ('message' in mail) return this.mailer.enqueue(mail.message);
    const owner = await this.users.findById(mail.ownerOf);
    if (owner) await this.mailer.enqueue({ ...mail.notice, to: owner.email } as MailMessage);
  }

  private count(count: MetricCount): void {
    switch (count.metric) {
      case 'login':
        return this.authMetrics.login(count.outcome);
      case 'refresh':
        return this.authMetrics.refresh(count.outcome);
      case 'proof':
        return this.authMetrics.proof(count.purpose, count.method, count.outcome);
      case 'mail_dropped':
        return this.mailMetrics.dropped(count.reason);
      case 'sso_login':
        return this.authMetrics.ssoLogin(count.outcome);
      case 'sso_logout':
        return this.authMetrics.ssoLogout(count.channel, count.outcome);
    }
  }
}
