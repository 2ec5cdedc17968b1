import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export type WebhookDeliveryStatus = 'pending' | 'sent' | 'failed';

@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt'])
@Check('CHK_webhook_deliveries_status', `"status" IN ('pending', 'sent', 'failed')`)
export class WebhookDeliveryEntity {
  /** Also the `webhook-id` header: the same on every attempt, so receivers can drop a duplicate. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_deliveries' })
  id: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'FK_webhook_deliveries_endpoint' })
  endpoint?: WebhookEndpointEntity;

  @Column('text', { name: 'event_type' })
  eventType: string;

  /** The exact JSON body that is signed and sent: `{ type, timestamp, data }`. */
  @Column('text')
  payload: string;

  @Column('text', { default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  /** Due time while pending; during a delivery, the end of the claimant's lease. */
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
