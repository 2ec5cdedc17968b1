import { refusalCost } from './refusal-cost';

describe('refused-login CPU from two scenarios', () => {
  it('solves the two mixes for the cost of an answered and of a refused login', () => {
    // 3 ms per answered login, 0.2 ms per refusal.
    const polite = { answered: 600, refused: 0, eventLoopCpuMs: 600 * 3 };
    const hostile = { answered: 400, refused: 9000, eventLoopCpuMs: 400 * 3 + 9000 * 0.2 };
    const cost = refusalCost(polite, hostile);
    expect(cost.perAnsweredMs).toBeCloseTo(3, 9);
    expect(cost.perRefusedMs).toBeCloseTo(0.2, 9);
  });

  it('works when both scenarios saw refusals', () => {
    const cost = refusalCost({ answered: 500, refused: 100, eventLoopCpuMs: 500 * 2 + 100 * 0.05 }, { answered: 300, refused: 5000, eventLoopCpuMs: 300 * 2 + 5000 * 0.05 });
    expect(cost.perAnsweredMs).toBeCloseTo(2, 9);
    expect(cost.perRefusedMs).toBeCloseTo(0.05, 9);
  });

  it('gives NaN rather than noise when the two mixes are alike', () => {
    const same = refusalCost({ answered: 100, refused: 100, eventLoopCpuMs: 300 }, { answered: 200, refused: 201, eventLoopCpuMs: 600 });
    expect(same.perRefusedMs).toBeNaN();
    expect(same.perAnsweredMs).toBeNaN();
    expect(refusalCost({ answered: 0, refused: 0, eventLoopCpuMs: 0 }, { answered: 10, refused: 10, eventLoopCpuMs: 5 }).perRefusedMs).toBeNaN();
    expect(refusalCost({ answered: 100, refused: 0, eventLoopCpuMs: NaN }, { answered: 10, refused: 900, eventLoopCpuMs: 5 }).perRefusedMs).toBeNaN();
  });
});
