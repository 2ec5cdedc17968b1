import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'one_time_tokens' })
@Index('one_time_tokens_digest_key', ['digest'], { unique: true })
@Index('one_time_tokens_user_purpose_key', ['userId', 'purpose'], { unique: true })
@Check('CHK_one_time_tokens_purpose', `"purpose" IN ('verify-email', 'reset-password', 'change-email')`)
export class OneTimeTokenEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_one_time_tokens' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  purpose: string;

  /** SHA-256 of the token; the token itself exists only in the mail. */
  @Column('text')
  digest: string;

  @Column('text')
  email: string;

  /** The session that asked for a change-email token; deleting the session deletes the token. */
  @Column('uuid', { name: 'session_id', nullable: true })
  sessionId: string | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
