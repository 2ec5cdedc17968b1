import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A per-account (or per-account-and-trusted-device) streak of failed logins and its lock. */
@Entity({ name: 'login_locks' })
@Index('login_locks_expires_at_idx', ['expiresAt'])
export class LoginLockEntity {
  /** Keyed digest of the normalised email (plus the device nonce for trusted devices). */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_login_locks' })
  subject: string;

  /** Attempts admitted in the current streak, counted before the hash (a success deletes the row). */
  @Column('integer')
  failures: number;

  /** Locks so far in the streak: the next lock lasts base * 2^level, capped. */
  @Column('integer', { name: 'lock_level' })
  lockLevel: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { name: 'locked_at', nullable: true })
  lockedAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
