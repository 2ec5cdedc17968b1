import { cpuBudget, parseCpuMax } from './cpu-budget';

describe('cpu budget', () => {
  it('reads a cgroup v2 quota as CPUs', () => {
    expect(parseCpuMax('25000 100000\n')).toBe(0.25);
    expect(parseCpuMax('200000 100000')).toBe(2);
  });

  it('treats "max" and unreadable values as unlimited', () => {
    expect(parseCpuMax('max 100000')).toBeNull();
    expect(parseCpuMax('garbage')).toBeNull();
  });

  it('uses the smaller of the quota and the CPU count', () => {
    expect(cpuBudget(() => '25000 100000', 2)).toEqual({ vcpus: 0.25, cpuCount: 2, quota: 0.25 });
    expect(cpuBudget(() => '800000 100000', 2).vcpus).toBe(2);
    expect(cpuBudget(() => null, 4)).toEqual({ vcpus: 4, cpuCount: 4, quota: null });
  });
});
