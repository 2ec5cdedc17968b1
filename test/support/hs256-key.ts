import { runCli } from '../../apps/identsphere/src/cli/run-cli';

/** What `cli.js hs256-key` prints for this environment, and its exit code: the key a resource server is given. */
export async function printedHs256Key(env: Record<string, string>): Promise<{ code: number; key: string; errors: string[] }> {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runCli(['hs256-key'], env, { out: (line) => out.push(line), err: (line) => errors.push(line) });
  return { code, key: out.join('\n'), errors };
}

export const keyBytes = (printed: string): Uint8Array => new Uint8Array(Buffer.from(printed, 'base64url'));
