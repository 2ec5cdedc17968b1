import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_endpoints' })
  id: string;

  @Column('text')
  url: string;

  @Column('text', { array: true })
  events: string[];

  /** The signing secret, sealed (WebhookSecretCipher): it must be recoverable to sign each delivery. */
  @Column('text', { name: 'secret_sealed' })
  secretSealed: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
