import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';

export interface NewOutboxMail {
  readonly id: string;
  readonly kind: string;
  readonly recipient: string;
  readonly payload: string;
}

/** A row a worker has claimed: it owns the delivery until its lease ends. */
export interface ClaimedMail {
  readonly id: string;
  readonly kind: string;
  readonly recipient: string;
  readonly payload: string | null;
  /** This claim's attempt number (1-based); later updates are fenced on it. */
  readonly attempt: number;
}

// Error text kept for operators; SMTP replies can be long, and a row is no log archive.
const MAX_ERROR_LENGTH = 500;

/**
 * The mail_outbox table. `insert` goes through the ambient transaction, so a mail commits or rolls back
 * with the change that caused it; the worker's statements run on their own, each one atomic.
 */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(mail: NewOutboxMail): Promise<void> {
    await this.tx.manager.query(`INSERT INTO mail_outbox (id, kind, recipient, payload) VALUES ($1, $2, $3, $4)`, [
      mail.id,
      mail.kind,
      mail.recipient,
      mail.payload,
    ]);
  }

  /**
   * Claims up to `limit` due rows in one statement. SKIP LOCKED lets workers in other instances claim other
   * rows at the same moment instead of waiting for (and then double-claiming) these; pushing
   * next_attempt_at out by the lease hides the claimed rows from every other worker until the lease ends.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<ClaimedMail[]> {
    const [rows] = await this.tx.manager.query(
      `WITH due AS MATERIALIZED (
         SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE mail_outbox m SET attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       FROM due WHERE m.id = due.id
       RETURNING m.id, m.kind, m.recipient, m.payload, m.attempts`,
      [limit, leaseSeconds],
    );
    return (rows as Array<{ id: string; kind: string; recipient: string; payload: string | null; attempts: number }>).map((r) => ({
      id: r.id,
      kind: r.kind,
      recipient: r.recipient,
      payload: r.payload,
      attempt: Number(r.attempts),
    }));
  }

  /** Sent: the sealed content is dropped (it holds a link), whoever's claim is current. */
  async markSent(id: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), payload = NULL, last_error = NULL
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Failed for now: due again after `delaySeconds`. Fenced on the attempt, so a stale claim changes nothing. */
  async scheduleRetry(id: string, attempt: number, delaySeconds: number, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $3), last_error = $4
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt, delaySeconds, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  async markFailed(id: string, attempt: number, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE mail_outbox SET status = 'failed', payload = NULL, last_error = $3
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** Gives an interrupted claim back (shutdown): due at once, and the attempt does not count. */
  async release(id: string, attempt: number): Promise<void> {
    await this.tx.manager.query(
      `UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = now()
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt],
    );
  }

  /** Drops sent rows older than the retention, a bounded batch at a time; harmless when instances race. */
  async purgeSent(olderThanSeconds: number, batch = 1000): Promise<number> {
    const [rows] = await this.tx.manager.query(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT id FROM mail_outbox WHERE status = 'sent' AND sent_at < now() - make_interval(secs => $1) LIMIT $2
       ) RETURNING id`,
      [olderThanSeconds, batch],
    );
    return rows.length;
  }
}
