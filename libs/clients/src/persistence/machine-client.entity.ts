import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Mapped so the schema-drift check covers the table; the repository itself speaks SQL. Never exported. */
@Entity({ name: 'machine_clients' })
export class MachineClientEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_machine_clients' })
  id: string;

  @Column('text')
  name: string;

  @Column('text', { array: true })
  scopes: string[];

  @Column('text', { name: 'secret_digest' })
  secretDigest: string;

  @Column('text', { name: 'previous_secret_digest', nullable: true })
  previousSecretDigest: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column('timestamptz', { name: 'secret_rotated_at', default: () => 'now()' })
  secretRotatedAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
