import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutboxColumns } from '@identsphere/database';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt'])
@Check('CHK_webhook_deliveries_status', `"status" IN ('pending', 'sent', 'failed')`)
export class WebhookDeliveryEntity extends OutboxColumns {
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
}
