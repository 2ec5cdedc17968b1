import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'signing_keys' })
@Index('signing_keys_one_active', ['algorithm'], { unique: true, where: '"retired_at" IS NULL' })
export class SigningKeyEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_signing_keys' })
  kid: string;

  @Column('text')
  algorithm: string;

  @Column('jsonb', { name: 'public_jwk' })
  publicJwk: Record<string, unknown>;

  /** PKCS#8 private key sealed with AES-GCM under a key derived from IDENTSPHERE_JWT_SECRET. */
  @Column('text', { name: 'private_key_enc' })
  privateKeyEnc: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;
}
