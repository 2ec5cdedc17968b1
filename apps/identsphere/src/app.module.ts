import { DynamicModule, Module } from '@nestjs/common';
import { AdminIdentityProvidersModule, AdminModule, AdminSupportModule, AdminWebhooksModule } from '@identsphere/admin';
import { AuditModule } from '@identsphere/audit';
import { AuthModule } from '@identsphere/auth';
import { AppConfig, ConfigModule } from '@identsphere/config';
import { CryptoModule, SecretBox } from '@identsphere/crypto';
import { DatabaseConnector, DatabaseModule } from '@identsphere/database';
import { HealthModule } from '@identsphere/health';
import { IdentitiesModule } from '@identsphere/identities';
import { MailModule } from '@identsphere/mail';
import { OAuthModule } from '@identsphere/oauth';
import { createRootLogger, ObservabilityModule, RootLogger, TelemetryModule } from '@identsphere/observability';
import { RateLimitModule } from '@identsphere/rate-limit';
import { WebhooksModule } from '@identsphere/webhooks';
import { ALL_MIGRATIONS } from '../../../migrations';

/** Composition root: wiring only. */
@Module({})
export class AppModule {
  /** `logger`: the root logger create-app also gave Nest; a fresh one at the configured level otherwise. */
  static register(config: AppConfig, options: { logger?: RootLogger } = {}): DynamicModule {
    const logger = options.logger ?? createRootLogger({ level: config.observability.logLevel, nodeEnv: config.nodeEnv });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        TelemetryModule.forRoot({ logger, databaseStats: DatabaseConnector }),
        DatabaseModule.forRoot({ migrations: ALL_MIGRATIONS }),
        CryptoModule,
        RateLimitModule,
        AuditModule,
        // Outbox payloads carry one-time links: sealed under a key derived from the root secret.
        MailModule.forRoot({ payloadCipher: (c: AppConfig) => new SecretBox(c.tokens.secret, 'mail-outbox') }),
        // Endpoint secrets must be recoverable to sign deliveries: sealed under their own derived key.
        WebhooksModule.forRoot({ secretCipher: (c: AppConfig) => new SecretBox(c.tokens.secret, 'webhook-secrets') }),
        // Provider client secrets are needed in the clear for the token request: sealed under their own derived key.
        IdentitiesModule.forRoot({ secretCipher: (c: AppConfig) => new SecretBox(c.tokens.secret, 'idp-secrets') }),
        HealthModule,
        AuthModule,
        AdminModule,
        AdminSupportModule,
        AdminWebhooksModule,
        AdminIdentityProvidersModule,
        OAuthModule,
      ],
    };
  }
}
