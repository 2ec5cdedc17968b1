import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdentityProviderEntity } from './identity-provider.entity';

/** One email domain owned by one provider: the primary key makes "at most one provider" a database rule. */
@Entity({ name: 'identity_provider_domains' })
@Index('identity_provider_domains_provider_idx', ['providerId'])
export class IdentityProviderDomainEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_identity_provider_domains' })
  domain: string;

  @Column('text', { name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => IdentityProviderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'FK_identity_provider_domains_provider' })
  provider?: IdentityProviderEntity;
}
