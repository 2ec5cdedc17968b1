import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: rows are inserted, never updated; they outlive the user (no foreign key). */
@Entity({ name: 'security_events' })
@Index('security_events_user_id_seq_idx', ['userId', 'seq'])
@Index('security_events_actor_id_seq_idx', ['actorId', 'seq'], { where: '"actor_id" IS NOT NULL' })
export class SecurityEventEntity {
  /** Insertion order: the listing's sort key and cursor (timestamps can tie). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'PK_security_events' })
  seq: string;

  /** The public id: every id the API shows is a UUID. */
  @Index('security_events_id_key', { unique: true })
  @Column('uuid')
  id: string;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('text')
  type: string;

  /** Who acted when it was not the owner: an admin user's id or a machine client's id. */
  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('uuid', { name: 'session_id', nullable: true })
  sessionId: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  detail: Record<string, string>;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
