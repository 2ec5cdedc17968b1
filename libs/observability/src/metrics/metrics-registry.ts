import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * One Prometheus registry per app instance (tests boot several apps in one process). Observability holds
 * no domain vocabulary: each lib declares its own metrics in this registry, and GET /metrics exposes them.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
}
