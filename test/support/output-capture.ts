import fs from 'node:fs';

export interface CapturedOutput {
  text(): string;
  restore(): void;
}

/**
 * Captures what the process writes to stdout/stderr, whether through process.stdout (console) or straight
 * to file descriptors 1 and 2 (pino's synchronous destination), so a test can search the log lines.
 */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const text = (chunk: unknown) =>
    typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
  const sizeOf = (data: unknown) => (typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).length);
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => (chunks.push(text(chunk)), true)) as never),
    jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => (chunks.push(text(chunk)), true)) as never),
  ];
  const realWriteSync = fs.writeSync;
  const realWrite = fs.write;
  fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1 && fd !== 2) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
    chunks.push(text(data));
    return sizeOf(data);
  }) as typeof fs.writeSync;
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1 && fd !== 2) return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
    chunks.push(text(data));
    const callback = [...rest].reverse().find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
    callback?.(null, sizeOf(data));
  }) as typeof fs.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
      fs.writeSync = realWriteSync;
      fs.write = realWrite;
    },
  };
}
