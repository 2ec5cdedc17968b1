import type { Argon2Params } from '@identsphere/config';
import { OWASP_FLOOR, predict, suggestParameters } from './suggest-parameters';

// A machine where a hash costs exactly `msPerUnit` per KiB × iteration (the floor then takes 28 ms).
const linearMachine = (msPerUnit = 28 / (19_456 * 2)) => {
  const measured: Argon2Params[] = [];
  const measure = async (p: Argon2Params) => {
    measured.push(p);
    return p.memoryKib * p.iterations * msPerUnit;
  };
  return { measure, measured };
};

describe('suggestParameters', () => {
  it('raises memory first, keeping t = 2 and p = 1, to land near the target', async () => {
    const { measure } = linearMachine();
    const s = await suggestParameters(measure, { targetMs: 50, maxMemoryKib: 64 * 1024 });
    // 50 ms / 28 ms × 19 MiB × 2 iterations = 68 MiB·iterations → 34 MiB at t = 2.
    expect(s.params).toEqual({ memoryKib: 34 * 1024, iterations: 2, parallelism: 1 });
    expect(Math.abs(s.measuredMs - 50)).toBeLessThan(5);
    expect(s.floorExceedsTarget).toBe(false);
  });

  it('adds iterations once memory reaches the cap', async () => {
    const { measure } = linearMachine();
    const s = await suggestParameters(measure, { targetMs: 200, maxMemoryKib: 64 * 1024 });
    expect(s.params.memoryKib).toBeLessThanOrEqual(64 * 1024);
    expect(s.params.iterations).toBeGreaterThan(2);
    expect(Math.abs(s.measuredMs - 200)).toBeLessThan(20);
  });

  it('never goes below the OWASP floor, and says so when the floor already exceeds the target', async () => {
    const { measure } = linearMachine();
    const s = await suggestParameters(measure, { targetMs: 10, maxMemoryKib: 64 * 1024 });
    expect(s.params).toEqual(OWASP_FLOOR);
    expect(s.floorExceedsTarget).toBe(true);
  });

  it('corrects once when the machine is not linear in memory', async () => {
    // Twice the cost per unit above the floor's memory (cache misses): the first prediction overshoots.
    const measure = async (p: Argon2Params) => p.memoryKib * p.iterations * (p.memoryKib > 19_456 ? 2 : 1) * (28 / (19_456 * 2));
    const s = await suggestParameters(measure, { targetMs: 100, maxMemoryKib: 256 * 1024 });
    expect(Math.abs(s.measuredMs - 100)).toBeLessThan(10);
  });
});

describe('predict', () => {
  it('rounds memory to whole MiB and never returns less than the floor', () => {
    const p = predict(1, 1e-3, 64 * 1024);
    expect(p).toEqual(OWASP_FLOOR);
    expect(predict(100, 1e-3, 64 * 1024).memoryKib % 1024).toBe(0);
  });

  it('refuses a non-positive cost instead of looping forever', () => {
    expect(() => predict(50, 0, 64 * 1024)).toThrow(RangeError);
  });
});
