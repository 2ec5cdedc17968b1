import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { AppConfig, ConfigModule } from '@identsphere/config';
import { CryptoModule } from '@identsphere/crypto';
import { DatabaseModule } from '@identsphere/database';
import { HealthModule } from '@identsphere/health';
import { ObservabilityModule } from '@identsphere/observability';
import { ALL_MIGRATIONS } from '../../../migrations';

/** Composition root: wiring only. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        DatabaseModule.forRoot({ migrations: ALL_MIGRATIONS }),
        CryptoModule,
        HealthModule,
        AuthModule,
      ],
    };
  }
}
