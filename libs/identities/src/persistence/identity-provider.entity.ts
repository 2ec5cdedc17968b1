import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Mapped so the schema-drift check covers the table; the repository itself speaks SQL. Never exported. */
@Entity({ name: 'identity_providers' })
@Check('CHK_identity_providers_auth_method', `"auth_method" IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt')`)
@Check('CHK_identity_providers_managed_by', `"managed_by" IN ('api', 'env')`)
export class IdentityProviderEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_identity_providers' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  issuer: string;

  @Column('text', { name: 'client_id' })
  clientId: string;

  @Column('text', { name: 'auth_method' })
  authMethod: string;

  /** Sealed (IdentitySecretCipher); null for private_key_jwt. Leaves the repository only through `sealedSecret`. */
  @Column('text', { name: 'client_secret_sealed', nullable: true })
  clientSecretSealed: string | null;

  @Column('text', { array: true })
  scopes: string[];

  @Column('boolean', { name: 'enforce_sso', default: false })
  enforceSso: boolean;

  @Column('text', { name: 'email_claim', default: 'email' })
  emailClaim: string;

  @Column('text', { name: 'name_claim', default: 'name' })
  nameClaim: string;

  @Column('text', { name: 'groups_claim', nullable: true })
  groupsClaim: string | null;

  @Column('jsonb', { name: 'role_mapping', default: {} })
  roleMapping: Record<string, string[]>;

  @Column('text', { name: 'managed_by' })
  managedBy: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
