import { decide } from './sliding-window';

const limit = { max: 10, windowSeconds: 100 };

describe('sliding-window decide', () => {
  it('allows attempts up to the limit within one window', () => {
    expect(decide({ count: 10, previousCount: 0, elapsedSeconds: 5 }, limit).allowed).toBe(true);
    expect(decide({ count: 11, previousCount: 0, elapsedSeconds: 5 }, limit).allowed).toBe(false);
  });

  it('weights the previous window by how much of it still overlaps the sliding window', () => {
    // 25% into this window: 75% of the previous 10 attempts still count.
    expect(decide({ count: 2, previousCount: 10, elapsedSeconds: 25 }, limit)).toMatchObject({ allowed: true, estimate: 9.5 });
    expect(decide({ count: 3, previousCount: 10, elapsedSeconds: 25 }, limit)).toMatchObject({ allowed: false, estimate: 10.5 });
  });

  it('suggests waiting until the previous window has decayed enough for one more attempt', () => {
    const decision = decide({ count: 3, previousCount: 10, elapsedSeconds: 25 }, limit);
    // One more attempt (count 4) needs 10 * (100 - 25 - t) / 100 + 4 <= 10, so t >= 15.
    expect(decision.retryAfterSeconds).toBe(15);
    expect(decide({ count: 4, previousCount: 10, elapsedSeconds: 40 }, limit).allowed).toBe(true);
    expect(decide({ count: 4, previousCount: 10, elapsedSeconds: 39 }, limit).allowed).toBe(false);
  });

  it('suggests waiting into the next window when this window alone is over the limit', () => {
    const decision = decide({ count: 11, previousCount: 0, elapsedSeconds: 40 }, limit);
    // 60 s to the window end, then 11 * (100 - e) / 100 + 1 <= 10 needs e >= 100 * (1 - 9/11) ≈ 18.2.
    expect(decision.retryAfterSeconds).toBe(79);
    expect(decide({ count: 1, previousCount: 11, elapsedSeconds: 19 }, limit).allowed).toBe(true);
    expect(decide({ count: 1, previousCount: 11, elapsedSeconds: 17 }, limit).allowed).toBe(false);
  });

  it('never suggests less than one second', () => {
    expect(decide({ count: 1, previousCount: 1000, elapsedSeconds: 99.8 }, { max: 2, windowSeconds: 100 })).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('with a limit of one, waits a whole window after the window end', () => {
    expect(decide({ count: 2, previousCount: 0, elapsedSeconds: 0 }, { max: 1, windowSeconds: 60 }).retryAfterSeconds).toBe(120);
  });
});
