import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

export interface HttpObservation {
  readonly method: string;
  /** The route template (`/v1/me/sessions/:id`), never the raw URL: label values must stay a small set. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** Request latency by route template and status; the _count series doubles as the request counter. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor({ registry }: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'identsphere_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  observe(o: HttpObservation): void {
    this.duration.observe({ method: o.method, route: o.route, status: String(o.status) }, o.seconds);
  }
}
