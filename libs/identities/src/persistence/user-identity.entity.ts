import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IdentityProviderEntity } from './identity-provider.entity';

/**
 * A user's account at a provider. The foreign key to users is declared in the migration only (identities
 * and users are sibling libs and never import each other's entities).
 */
@Entity({ name: 'user_identities' })
@Unique('UQ_user_identities_provider_subject', ['providerId', 'subject'])
@Index('user_identities_user_idx', ['userId'])
export class UserIdentityEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_user_identities' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => IdentityProviderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'FK_user_identities_provider' })
  provider?: IdentityProviderEntity;

  /** The provider's `sub`: stable for the account at that provider, unlike its email. */
  @Column('text')
  subject: string;

  /** The email the provider asserted at linking time, for display. */
  @Column('text')
  email: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;
}
