import { Global, Module } from '@nestjs/common';
import { AuthMetrics, MetricsRegistry } from './auth-metrics';

@Global()
@Module({ providers: [MetricsRegistry, AuthMetrics], exports: [MetricsRegistry, AuthMetrics] })
export class ObservabilityModule {}
