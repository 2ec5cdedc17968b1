import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One sliding-window counter: this fixed window's count and the previous one's (see sliding-window.ts). */
@Entity({ name: 'rate_limit_counters' })
@Index('rate_limit_counters_expires_at_idx', ['expiresAt'])
export class RateLimitCounterEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_rate_limit_counters' })
  bucket: string;

  /** Keyed digest of the subject (SubjectDigest), never the raw email or IP. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_rate_limit_counters' })
  subject: string;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('integer')
  count: number;

  @Column('integer', { name: 'previous_count' })
  previousCount: number;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
