import { Column } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * The bookkeeping columns OutboxQueue reads and writes (see OutboxTableSpec), for an outbox entity to extend:
 * TypeORM maps the columns of a parent class into each entity that extends it. Not an entity itself; the
 * table's `id` (its primary key constraint has the table's name), status CHECK and due index stay on the entity.
 */
export abstract class OutboxColumns {
  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  /** Due time while pending; during a delivery, the end of the claimant's lease. */
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
