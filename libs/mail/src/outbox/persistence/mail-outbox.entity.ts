import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OutboxColumns } from '@identsphere/database';

@Entity({ name: 'mail_outbox' })
@Index('mail_outbox_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Check('CHK_mail_outbox_status', `"status" IN ('pending', 'sent', 'failed')`)
export class MailOutboxEntity extends OutboxColumns {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_mail_outbox' })
  id: string;

  @Column('text')
  kind: string;

  @Column('text')
  recipient: string;

  /** Sealed JSON of the rendered mail; null once sent or given up on. */
  @Column('text', { nullable: true })
  payload: string | null;
}
