import { Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { AdminWebhooksController } from './admin-webhooks.controller';
import { WebhookAdminFlow } from './webhook-admin.flow';

/**
 * Webhook endpoints under /v1/admin/webhooks. Apart from AdminModule because it needs WebhooksModule
 * (global, composed by the app with its secret cipher), which the medium test tier does not build.
 */
@Module({
  imports: [AuthModule],
  controllers: [AdminWebhooksController],
  providers: [WebhookAdminFlow],
})
export class AdminWebhooksModule {}
