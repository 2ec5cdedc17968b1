import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sessions' })
@Index('sessions_user_id_idx', ['userId'])
@Index('sessions_idp_idx', ['idpProviderId', 'idpSid'])
export class SessionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_sessions' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('integer', { default: 0 })
  counter: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at' })
  lastUsedAt: Date;

  @Column('timestamptz', { name: 'rotated_at', nullable: true })
  rotatedAt: Date | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { array: true, default: () => "'{pwd}'" })
  amr: string[];

  @Column('text', { default: 'pwd' })
  acr: string;

  @Column('timestamptz', { name: 'auth_time', default: () => 'now()' })
  authTime: Date;

  /** The identity provider the session was started through (SSO), with its session id when it sent one. */
  @Column('text', { name: 'idp_provider_id', nullable: true })
  idpProviderId: string | null;

  @Column('text', { name: 'idp_sid', nullable: true })
  idpSid: string | null;
}
