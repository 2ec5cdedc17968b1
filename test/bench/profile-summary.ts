import { readFileSync } from 'node:fs';

// Summarises a V8 .cpuprofile (node --cpu-prof, or BENCH_CPU_PROF=<dir> npm run bench): self time by
// function and by package, and inclusive time of the functions named on the command line.
// Usage: node dist/bench/profile-summary.js <file.cpuprofile> [--last=<seconds>] [--top=25] [pattern...]
// --last keeps only the final seconds of the profile (the scenario, not the boot and account setup).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Summary {
  readonly totalMs: number;
  readonly byFunction: [string, number][];
  readonly byPackage: [string, number][];
  readonly inclusive: [string, number][];
}

export function summarizeProfile(profile: CpuProfile, patterns: readonly string[] = [], lastSeconds = Infinity): Summary {
  const self = new Map<number, number>();
  const totalUs = profile.timeDeltas.reduce((sum, d) => sum + d, 0);
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    atUs += profile.timeDeltas[i] ?? 0;
    if (totalUs - atUs <= lastSeconds * 1e6) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    totalMs += ms;
    add(byFunction, label(node), ms);
    add(byPackage, packageOf(node.callFrame.url, node.callFrame.functionName), ms);
    // Inclusive time: credit each matching frame once per sample path.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      const match = patterns.find((p) => l.includes(p));
      if (match && !seen.has(l)) {
        seen.add(l);
        add(inclusive, l, ms);
      }
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs, byFunction: sorted(byFunction), byPackage: sorted(byPackage), inclusive: sorted(inclusive) };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/(dist|apps|libs)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/** node_modules package, "our code", "node:internal", or a V8 pseudo-frame such as (garbage collector). */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  return 'identsphere';
}

function main(argv: string[]): void {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const [file, ...patterns] = argv.filter((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: profile-summary <file.cpuprofile> [--last=<seconds>] [--top=25] [pattern...]\n');
    process.exit(64);
  }
  const top = Number(flag('top') ?? 25) || 25;
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, patterns, Number(flag('last') ?? Infinity));
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms`;
  const out = [`total sampled: ${summary.totalMs.toFixed(0)} ms`, '', 'self time by package:'];
  for (const [k, v] of summary.byPackage.slice(0, top)) out.push(`${pct(v)}  ${k}`);
  out.push('', 'self time by function:');
  for (const [k, v] of summary.byFunction.slice(0, top)) out.push(`${pct(v)}  ${k}`);
  if (patterns.length) {
    out.push('', `inclusive time of frames matching ${patterns.join(', ')}:`);
    for (const [k, v] of summary.inclusive.slice(0, top)) out.push(`${pct(v)}  ${k}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (require.main === module) main(process.argv.slice(2));
