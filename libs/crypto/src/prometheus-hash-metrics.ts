import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';
import { HashGateState } from './hash-gate';
import { HashMetrics, HashOperation } from './hash-metrics';

/** HashMetrics in the app's Prometheus registry. Dashboards use these names: do not rename them. */
@Injectable()
export class PrometheusHashMetrics extends HashMetrics {
  private readonly hashSeconds: Histogram<'operation'>;
  private readonly rejected: Counter;
  private readonly inFlight: Gauge;
  private readonly queued: Gauge;

  constructor({ registry }: MetricsRegistry) {
    super();
    this.hashSeconds = new Histogram({
      name: 'identsphere_password_hash_duration_seconds',
      help: 'Argon2id hash/verify duration, excluding queueing',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    this.rejected = new Counter({ name: 'identsphere_hash_gate_rejected_total', help: 'Hash requests refused with 503 overloaded', registers: [registry] });
    this.inFlight = new Gauge({ name: 'identsphere_hash_gate_in_flight', help: 'Password hashes running now', registers: [registry] });
    this.queued = new Gauge({ name: 'identsphere_hash_gate_queued', help: 'Password hashes waiting for a slot', registers: [registry] });
  }

  hashed(operation: HashOperation, seconds: number): void {
    this.hashSeconds.observe({ operation }, seconds);
  }

  gateChanged(state: HashGateState): void {
    this.inFlight.set(state.inFlight);
    this.queued.set(state.queued);
  }

  gateRejected(): void {
    this.rejected.inc();
  }
}
