import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'recovery_codes' })
@Index('recovery_codes_user_digest_key', ['userId', 'digest'], { unique: true })
export class RecoveryCodeEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_recovery_codes' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** A keyed digest of the code; the code itself was shown once. */
  @Column('text')
  digest: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
