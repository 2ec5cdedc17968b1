import { Readable } from 'node:stream';
import { readSecretFromStdin } from './stdin-secret';

const piped = (...chunks: string[]) => Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { isTTY: false }) as unknown as NodeJS.ReadStream;

describe('readSecretFromStdin', () => {
  it('reads everything piped in and drops one trailing line break, nothing else', async () => {
    expect(await readSecretFromStdin(piped('Quartz meadow ', 'secret  \n'))).toBe('Quartz meadow secret  ');
    expect(await readSecretFromStdin(piped('windows\r\n'))).toBe('windows');
    expect(await readSecretFromStdin(piped('two\n\n'))).toBe('two\n');
    expect(await readSecretFromStdin(piped())).toBe('');
  });

  it('refuses a terminal, where the password would be echoed as it is typed', async () => {
    expect(await readSecretFromStdin(Object.assign(Readable.from([]), { isTTY: true }) as unknown as NodeJS.ReadStream)).toBeNull();
  });
});
