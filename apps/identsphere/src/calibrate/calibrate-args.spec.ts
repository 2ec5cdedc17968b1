import { parseCalibrateArgs } from './calibrate-args';
import { DEFAULT_CALIBRATE_OPTIONS } from './calibrate.command';

describe('calibrate arguments', () => {
  it('defaults to a 50 ms target', () => {
    expect(parseCalibrateArgs([])).toEqual(DEFAULT_CALIBRATE_OPTIONS);
    expect(DEFAULT_CALIBRATE_OPTIONS.targetMs).toBe(50);
  });

  it('accepts --name=value, --name value and --json', () => {
    expect(parseCalibrateArgs(['--target-ms=100', '--seconds', '1', '--json'])).toMatchObject({ targetMs: 100, seconds: 1, json: true });
  });

  it('explains bad usage instead of guessing', () => {
    expect(parseCalibrateArgs(['--target-ms=fast'])).toContain('--target-ms');
    expect(parseCalibrateArgs(['--max-memory-mib=8'])).toContain('--max-memory-mib');
    expect(parseCalibrateArgs(['--frobnicate'])).toContain('unknown option');
    expect(parseCalibrateArgs(['50'])).toContain('unexpected argument');
  });
});
