import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics/metrics-registry';

@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class ObservabilityModule {}
