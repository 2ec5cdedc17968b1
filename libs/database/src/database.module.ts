import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { AppConfig } from '@identsphere/config';
import { buildDataSourceOptions, MigrationClass } from './data-source-options';
import { DATABASE_MODE, DatabaseConnector } from './database-connector';
import { EmbeddedPostgres } from './embedded-postgres';
import { DatabaseNotifications } from './notifications/database-notifications';
import { ListenerConnection } from './notifications/listener-connection';
import { TransactionHost } from './transaction-host';

/** Owns the embedded PGlite server (when DATABASE_URL is unset) for the app's lifetime. */
@Injectable()
export class EmbeddedDatabase implements OnApplicationShutdown {
  private instance: EmbeddedPostgres | null = null;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async url(): Promise<string> {
    if (this.config.database.url) return this.config.database.url;
    this.instance ??= await EmbeddedPostgres.start(this.config.dataDir);
    return this.instance.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.instance?.stop();
  }
}

// Also owns the notifications hub: the pool's connections (built in TypeORM's factory) feed it NOTICEs.
@Module({ providers: [EmbeddedDatabase, DatabaseNotifications], exports: [EmbeddedDatabase, DatabaseNotifications] })
class EmbeddedDatabaseModule {}

export interface DatabaseModuleOptions {
  readonly migrations: MixedList<MigrationClass>;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        EmbeddedDatabaseModule,
        TypeOrmModule.forRootAsync({
          imports: [EmbeddedDatabaseModule],
          inject: [AppConfig, EmbeddedDatabase, DatabaseNotifications],
          useFactory: async (config: AppConfig, embedded: EmbeddedDatabase, notifications: DatabaseNotifications) =>
            buildDataSourceOptions({
              url: await embedded.url(),
              embedded: !config.database.url,
              migrations: options.migrations,
              onNotice: (message) => notifications.deliverNotice(message),
            }),
        }),
      ],
      providers: [
        { provide: DATABASE_MODE, inject: [AppConfig], useFactory: (config: AppConfig) => (config.database.url ? 'external' : 'embedded') },
        DatabaseConnector,
        TransactionHost,
        ListenerConnection,
      ],
      exports: [DatabaseConnector, TransactionHost, EmbeddedDatabaseModule],
    };
  }
}
