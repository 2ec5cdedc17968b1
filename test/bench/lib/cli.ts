export interface CliOptions {
  peers?: boolean;
  runs?: string;
}

/** `--peers` and `--runs N` (or `--runs=N`) from the command line (`npm run bench -- --peers --runs 3`). */
export function cliOptions(argv: readonly string[]): CliOptions {
  const out: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--peers') out.peers = true;
    else if (arg === '--runs') {
      if (i + 1 >= argv.length) throw new Error('--runs needs a number');
      out.runs = argv[++i];
    } else if (arg.startsWith('--runs=')) out.runs = arg.slice('--runs='.length);
    else throw new Error(`unknown argument ${arg} (known: --peers, --runs N)`);
  }
  return out;
}
