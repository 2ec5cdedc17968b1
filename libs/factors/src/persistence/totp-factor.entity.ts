import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'totp_factors' })
export class TotpFactorEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'PK_totp_factors' })
  userId: string;

  /** The base32 secret sealed with SecretBox; opened only to check a code. */
  @Column('text', { name: 'secret_enc' })
  secretEnc: string;

  /** Null while enrolment waits for its first valid code. */
  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  /** The RFC 6238 time step of the last accepted code; only later steps are accepted. */
  @Column('bigint', { name: 'last_used_step', default: -1 })
  lastUsedStep: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
