import { HashGateState } from './hash-gate';

export type HashOperation = 'hash' | 'verify';

/**
 * What the password hasher reports about its cost and its admission gate. A port, so crypto states what it
 * measures without knowing how metrics are exported; CryptoModule binds the Prometheus adapter.
 */
export abstract class HashMetrics {
  /** One Argon2id hash or verify finished, timed without its wait for a gate slot. */
  abstract hashed(operation: HashOperation, seconds: number): void;
  /** The gate's occupancy changed. */
  abstract gateChanged(state: HashGateState): void;
  /** The gate refused a hash with 503 overloaded. */
  abstract gateRejected(): void;
}
