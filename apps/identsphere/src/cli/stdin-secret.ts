/**
 * The password for `admin create`, piped on stdin (from a secret manager, a file, `read -s`): never argv,
 * which shell history and `ps` show. Null when stdin is a terminal, where typing would echo it; one trailing
 * line break is dropped, nothing else (passwords are never altered).
 */
export async function readSecretFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string | null> {
  if (stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
