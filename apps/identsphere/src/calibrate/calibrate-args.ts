import { CalibrateOptions, DEFAULT_CALIBRATE_OPTIONS } from './calibrate.command';

export const CALIBRATE_USAGE = [
  'Usage: calibrate.js [--target-ms=50] [--seconds=3] [--max-memory-mib=64] [--efficiency=0.85] [--json]',
  '  --target-ms        single-hash wall time to suggest Argon2id parameters for (default 50)',
  '  --seconds          how long to measure the configured parameters (default 3)',
  '  --max-memory-mib   memory cap per hash for the suggestion (default 64)',
  '  --efficiency       share of the hash ceiling that becomes logins (default 0.85; npm run bench measures it)',
  '  --json             one JSON document instead of the text report',
  'The configured parameters come from the service environment (IDENTSPHERE_ARGON2_*, IDENTSPHERE_HASH_CONCURRENCY).',
].join('\n');

const NUMERIC: Record<string, { key: keyof CalibrateOptions; min: number; max: number }> = {
  'target-ms': { key: 'targetMs', min: 1, max: 10_000 },
  seconds: { key: 'seconds', min: 0.1, max: 600 },
  'max-memory-mib': { key: 'maxMemoryMib', min: 19, max: 4096 },
  efficiency: { key: 'efficiency', min: 0.01, max: 1 },
};

/** The options, or an error message for bad usage. Accepts `--name=value` and `--name value`. */
export function parseCalibrateArgs(args: readonly string[]): CalibrateOptions | string {
  const options: Record<string, unknown> = { ...DEFAULT_CALIBRATE_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) return `unexpected argument ${args[i]}`;
    const [, name, inline] = match;
    if (name === 'json' && inline === undefined) {
      options.json = true;
      continue;
    }
    const spec = NUMERIC[name];
    if (!spec) return `unknown option --${name}`;
    const text = inline ?? args[++i];
    const value = Number(text);
    if (text === undefined || !Number.isFinite(value) || value < spec.min || value > spec.max) return `--${name} must be a number from ${spec.min} to ${spec.max}`;
    options[spec.key] = value;
  }
  return options as unknown as CalibrateOptions;
}
