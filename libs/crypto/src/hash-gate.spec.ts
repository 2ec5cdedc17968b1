import { isDomainError } from '@identsphere/common';
import { HashGate, HashGateState } from './hash-gate';

/** A controllable stand-in for an Argon2 job: it finishes only when the test says so. */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('HashGate', () => {
  it('runs at most `concurrency` tasks at once and starts a queued one when a slot frees', async () => {
    const gate = new HashGate({ concurrency: 2, queueMax: 5, maxWaitMs: 10_000 });
    const jobs = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = jobs.map((job, i) => gate.run(async () => (started.push(i), job.done)));
    await flush();
    expect(started).toEqual([0, 1]);
    expect(gate.state).toEqual({ inFlight: 2, queued: 1 });
    jobs[0].finish();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.state).toEqual({ inFlight: 2, queued: 0 });
    jobs[1].finish();
    jobs[2].finish();
    await Promise.all(runs);
    expect(gate.state).toEqual({ inFlight: 0, queued: 0 });
  });

  it('refuses at once with 503 overloaded and Retry-After when the queue is full', async () => {
    const rejections: number[] = [];
    const gate = new HashGate({ concurrency: 1, queueMax: 1, maxWaitMs: 10_000 }, undefined, () => rejections.push(1));
    const blocker = deferred();
    const first = gate.run(() => blocker.done);
    const second = gate.run(async () => 'queued');
    const third = await gate.run(async () => 'never').catch((e) => e);
    expect(isDomainError(third) && third.code).toBe('overloaded');
    expect(isDomainError(third) && third.kind).toBe('overloaded');
    expect(isDomainError(third) && third.options.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(rejections).toHaveLength(1);
    blocker.finish();
    await expect(second).resolves.toBe('queued');
    await first;
  });

  it('with a queue of zero, refuses everything beyond the running tasks', async () => {
    const gate = new HashGate({ concurrency: 1, queueMax: 0, maxWaitMs: 10_000 });
    const blocker = deferred();
    const first = gate.run(() => blocker.done);
    await expect(gate.run(async () => 1)).rejects.toMatchObject({ code: 'overloaded' });
    blocker.finish();
    await first;
    await expect(gate.run(async () => 2)).resolves.toBe(2);
  });

  it('gives up on a waiter after the bounded wait, and the slot accounting stays right', async () => {
    jest.useFakeTimers();
    try {
      const gate = new HashGate({ concurrency: 1, queueMax: 3, maxWaitMs: 500 });
      const blocker = deferred();
      const first = gate.run(() => blocker.done);
      const waiting = gate.run(async () => 'late').catch((e) => e);
      jest.advanceTimersByTime(501);
      expect(await waiting).toMatchObject({ code: 'overloaded' });
      expect(gate.state).toEqual({ inFlight: 1, queued: 0 });
      blocker.finish();
      await first;
      expect(gate.state).toEqual({ inFlight: 0, queued: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('pre-checks capacity without taking a slot', async () => {
    const gate = new HashGate({ concurrency: 1, queueMax: 0, maxWaitMs: 100 });
    expect(() => gate.assertCapacity()).not.toThrow();
    const blocker = deferred();
    const first = gate.run(() => blocker.done);
    expect(() => gate.assertCapacity()).toThrow(expect.objectContaining({ code: 'overloaded' }));
    blocker.finish();
    await first;
    expect(() => gate.assertCapacity()).not.toThrow();
  });

  it('frees the slot when a task fails', async () => {
    const gate = new HashGate({ concurrency: 1, queueMax: 0, maxWaitMs: 100 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('reports every state change for the in-flight and queued gauges', async () => {
    const states: HashGateState[] = [];
    const gate = new HashGate({ concurrency: 1, queueMax: 1, maxWaitMs: 1000 }, (s) => states.push(s));
    await Promise.all([gate.run(async () => 1), gate.run(async () => 2)]);
    expect(states[0]).toEqual({ inFlight: 1, queued: 0 });
    expect(states).toContainEqual({ inFlight: 1, queued: 1 });
    expect(states[states.length - 1]).toEqual({ inFlight: 0, queued: 0 });
  });
});
