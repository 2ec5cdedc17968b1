import { Injectable } from '@nestjs/common';
import { ClaimedRow, OutboxQueue, TransactionHost } from '@identsphere/database';

export interface NewOutboxMail {
  readonly id: string;
  readonly kind: string;
  readonly recipient: string;
  readonly payload: string;
}

/** A mail_outbox row's own columns, as a claim returns them. */
export interface MailRow {
  readonly kind: string;
  readonly recipient: string;
  readonly payload: string | null;
}

/** A row a worker has claimed: it owns the delivery until its lease ends. */
export type ClaimedMail = ClaimedRow<MailRow>;

/**
 * The mail_outbox table. `insert` goes through the ambient transaction, so a mail commits or rolls back
 * with the change that caused it; claims, leases and retries are the shared outbox statements
 * (OutboxQueue), with the sealed payload dropped once a mail is sent or given up on (it holds a link).
 */
@Injectable()
export class MailOutboxRepository {
  readonly queue: OutboxQueue<MailRow>;

  constructor(private readonly tx: TransactionHost) {
    this.queue = new OutboxQueue(tx, { table: 'mail_outbox', columns: ['kind', 'recipient', 'payload'], clearedWhenFinished: ['payload'] });
  }

  async insert(mail: NewOutboxMail): Promise<void> {
    await this.tx.manager.query(`INSERT INTO mail_outbox (id, kind, recipient, payload) VALUES ($1, $2, $3, $4)`, [
      mail.id,
      mail.kind,
      mail.recipient,
      mail.payload,
    ]);
  }
}
