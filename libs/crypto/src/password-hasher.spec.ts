import { isDomainError } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { HashGateState } from './hash-gate';
import { HashMetrics, HashOperation } from './hash-metrics';
import { PasswordHasher } from './password-hasher';

class RecordingHashMetrics extends HashMetrics {
  readonly operations: HashOperation[] = [];
  readonly states: HashGateState[] = [];
  rejections = 0;

  hashed(operation: HashOperation, seconds: number): void {
    expect(seconds).toBeGreaterThanOrEqual(0);
    this.operations.push(operation);
  }

  gateChanged(state: HashGateState): void {
    this.states.push(state);
  }

  gateRejected(): void {
    this.rejections++;
  }
}

const cheapConfig = (hashQueueMax: number) =>
  ({ passwords: { argon2: { memoryKib: 8192, iterations: 1, parallelism: 1 }, hashConcurrency: 1, hashQueueMax } }) as unknown as AppConfig;

describe('PasswordHasher metrics (through the HashMetrics port)', () => {
  it('reports every hash and verify it runs', async () => {
    const metrics = new RecordingHashMetrics();
    const hasher = new PasswordHasher(cheapConfig(4), metrics);

    const stored = await hasher.hash('correct horse battery staple');
    await hasher.verify(stored, 'correct horse battery staple');

    expect(metrics.operations).toEqual(['hash', 'verify']);
    expect(metrics.states).toContainEqual({ inFlight: 1, queued: 0 });
    expect(metrics.states.at(-1)).toEqual({ inFlight: 0, queued: 0 });
  });

  it('reports a refusal when the gate has no room', async () => {
    const metrics = new RecordingHashMetrics();
    const hasher = new PasswordHasher(cheapConfig(0), metrics);

    const running = hasher.hash('correct horse battery staple');
    const refused: unknown = await hasher.hash('another password entirely').catch((error: unknown) => error);

    expect(isDomainError(refused) ? refused.code : refused).toBe('overloaded');
    await running;
    expect(metrics.rejections).toBe(1);
  });
});
