import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
@Index('users_email_key', ['email'], { unique: true })
@Check('CHK_users_disabled_until', '"disabled_until" IS NULL OR "disabled_at" IS NOT NULL')
export class UserEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  @Column('text')
  email: string;

  @Column('boolean', { name: 'email_verified', default: false })
  emailVerified: boolean;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: string[];

  /**
   * Unused and always false: whether an account has MFA is read from its enrolled factors. Still mapped so
   * the schema has no drift; a later release drops it, once no running instance of an older one selects it.
   */
  @Column('boolean', { name: 'mfa_enabled', default: false })
  mfaEnabledUnused: boolean;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /** A temporary disable ends here (the account counts as enabled afterwards); null: until enabled. */
  @Column('timestamptz', { name: 'disabled_until', nullable: true })
  disabledUntil: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
