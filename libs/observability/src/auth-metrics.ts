import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type LoginOutcome = 'success' | 'invalid' | 'throttled' | 'overloaded' | 'disabled' | 'unverified';
export type RefreshOutcome = 'rotated' | 'grace' | 'reused' | 'expired' | 'revoked' | 'invalid';

/** One Prometheus registry per app instance (tests boot several apps in one process). */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
}

/**
 * Security-relevant counters that flows report. Label values are fixed enums: never user ids or emails.
 */
@Injectable()
export class AuthMetrics {
  private readonly logins: Counter<'outcome'>;
  private readonly refreshes: Counter<'outcome'>;
  private readonly hashSeconds: Histogram<'operation'>;
  private readonly gateRejected: Counter;
  private readonly gateInFlight: Gauge;
  private readonly gateQueued: Gauge;

  constructor({ registry }: MetricsRegistry) {
    this.logins = new Counter({ name: 'identsphere_logins_total', help: 'Login attempts by outcome', labelNames: ['outcome'], registers: [registry] });
    this.refreshes = new Counter({ name: 'identsphere_refreshes_total', help: 'Refresh attempts by outcome', labelNames: ['outcome'], registers: [registry] });
    this.hashSeconds = new Histogram({
      name: 'identsphere_password_hash_duration_seconds',
      help: 'Argon2id hash/verify duration, excluding queueing',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    this.gateRejected = new Counter({ name: 'identsphere_hash_gate_rejected_total', help: 'Hash requests refused with 503 overloaded', registers: [registry] });
    this.gateInFlight = new Gauge({ name: 'identsphere_hash_gate_in_flight', help: 'Password hashes running now', registers: [registry] });
    this.gateQueued = new Gauge({ name: 'identsphere_hash_gate_queued', help: 'Password hashes waiting for a slot', registers: [registry] });
  }

  login(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  hashed(operation: 'hash' | 'verify', seconds: number): void {
    this.hashSeconds.observe({ operation }, seconds);
  }

  hashGate(state: { inFlight: number; queued: number }): void {
    this.gateInFlight.set(state.inFlight);
    this.gateQueued.set(state.queued);
  }

  hashRejected(): void {
    this.gateRejected.inc();
  }
}
