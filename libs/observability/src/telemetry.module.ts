import { DynamicModule, Module, Type } from '@nestjs/common';
import { MetricsController } from './http/metrics.controller';
import { RequestTelemetry } from './http/request-telemetry';
import { ROOT_LOGGER } from './logging/logger.tokens';
import type { RootLogger } from './logging/root-logger';
import { DATABASE_STATS, DatabaseStatsSource } from './metrics/database-stats';
import { HttpMetrics } from './metrics/http-metrics';
import { RuntimeMetrics } from './metrics/runtime-metrics';

const NO_DATABASE: DatabaseStatsSource = { isReady: false, poolStats: () => null };

export interface TelemetryModuleOptions {
  /** The root logger create-app built (it also backs Nest's own logging). */
  readonly logger: RootLogger;
  /**
   * The injectable that reports pool counters and readiness (the app binds DatabaseConnector). Without it
   * the database gauges read as "not connected", for test modules that have no database.
   */
  readonly databaseStats?: Type<DatabaseStatsSource>;
}

/**
 * The app-level half of observability: GET /metrics, runtime and HTTP metrics, and the per-request log
 * line (install `RequestTelemetry.middleware` as the first middleware). Kept apart from the static
 * ObservabilityModule so libs and their unit tests can register metrics without a database or a controller.
 */
@Module({})
export class TelemetryModule {
  static forRoot(options: TelemetryModuleOptions): DynamicModule {
    return {
      module: TelemetryModule,
      controllers: [MetricsController],
      providers: [
        { provide: ROOT_LOGGER, useValue: options.logger },
        options.databaseStats ? { provide: DATABASE_STATS, useExisting: options.databaseStats } : { provide: DATABASE_STATS, useValue: NO_DATABASE },
        HttpMetrics,
        RuntimeMetrics,
        RequestTelemetry,
      ],
      exports: [RequestTelemetry],
    };
  }
}
