import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

@Entity({ name: 'mail_outbox' })
@Index('mail_outbox_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Check('CHK_mail_outbox_status', `"status" IN ('pending', 'sent', 'failed')`)
export class MailOutboxEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_mail_outbox' })
  id: string;

  @Column('text')
  kind: string;

  @Column('text')
  recipient: string;

  /** Sealed JSON of the rendered mail; null once sent or given up on. */
  @Column('text', { nullable: true })
  payload: string | null;

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
