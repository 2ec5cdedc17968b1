import type { DatabaseConnector } from '../database-connector';
import { DeliveryOutcome, OutboxDelivery, OutboxLoop, OutboxLoopOptions, PermanentDeliveryFailure } from './outbox-loop';
import type { ClaimedRow, OutboxQueue } from './outbox-queue';

type Row = { readonly kind: string };

/** A queue that hands out one batch and records what the loop did with each row. */
function fakeQueue(batch: Array<ClaimedRow<Row>>) {
  const calls: string[] = [];
  let handedOut = false;
  const queue = {
    claimDue: async () => (handedOut ? [] : ((handedOut = true), batch)),
    markSent: async (id: string) => (calls.push(`sent ${id}`), true),
    scheduleRetry: async (id: string, attempt: number, delay: number) => void calls.push(`retry ${id} attempt=${attempt} in=${delay > 0}`),
    markFailed: async (id: string, attempt: number, error: string) => void calls.push(`failed ${id} attempt=${attempt}: ${error}`),
    release: async (id: string) => void calls.push(`released ${id}`),
    purgeSent: async () => 0,
    purgeFailed: async () => 0,
  } as unknown as OutboxQueue<Row>;
  return { queue, calls };
}

const OPTIONS: OutboxLoopOptions = {
  pollIntervalMs: 60_000,
  batchSize: 10,
  leaseSeconds: 60,
  retry: { baseDelaySeconds: 5, maxDelaySeconds: 60, maxAttempts: 3 },
  shutdownGraceMs: 50,
  sentRetentionSeconds: 3600,
};

const connector = { isReady: true } as DatabaseConnector;

/** Runs one cycle of the loop over `batch`, delivering with `deliver`; resolves once every row is handled. */
async function runOnce(batch: Array<ClaimedRow<Row>>, deliver: OutboxDelivery<Row>['deliver']) {
  const { queue, calls } = fakeQueue(batch);
  const outcomes: DeliveryOutcome[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const delivery: OutboxDelivery<Row> = {
    noun: 'thing',
    label: (row) => `id=${row.id}`,
    deliver,
    observe: (outcome) => {
      outcomes.push(outcome);
      if (outcomes.length === batch.length) done();
    },
  };
  const loop = new OutboxLoop(queue, delivery, connector, OPTIONS, 'Test');
  loop.start();
  await finished;
  await loop.stop();
  return { calls, outcomes };
}

const row = (id: string, attempt: number): ClaimedRow<Row> => ({ id, attempt, kind: 'k' });

describe('OutboxLoop', () => {
  it('marks a delivered row sent, retries a failed one, and gives up after the last attempt', async () => {
    const { calls, outcomes } = await runOnce([row('a', 1), row('b', 1), row('c', 3)], async (r) => {
      if (r.id !== 'a') throw Object.assign(new Error('refused'), { code: 'EREFUSED' });
    });
    expect(calls).toEqual(['sent a', 'retry b attempt=1 in=true', 'failed c attempt=3: EREFUSED: refused']);
    expect(outcomes).toEqual(['sent', 'retry', 'failed']);
  });

  it('fails a row at once on a permanent failure, whatever attempts remain', async () => {
    const { calls, outcomes } = await runOnce([row('a', 1)], async () => {
      throw new PermanentDeliveryFailure('payload cannot be opened');
    });
    expect(calls).toEqual(['failed a attempt=1: payload cannot be opened']);
    expect(outcomes).toEqual(['failed']);
  });

  it('hands a delivery still running at shutdown back after the grace, without counting the attempt', async () => {
    const { queue, calls } = fakeQueue([row('a', 1)]);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const delivery: OutboxDelivery<Row> = {
      noun: 'thing',
      label: (r) => `id=${r.id}`,
      deliver: (_r, signal) =>
        new Promise((_resolve, reject) => {
          started();
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    const loop = new OutboxLoop(queue, delivery, connector, OPTIONS, 'Test');
    loop.start();
    await running;
    await loop.stop();
    expect(calls).toEqual(['released a']);
  });
});
