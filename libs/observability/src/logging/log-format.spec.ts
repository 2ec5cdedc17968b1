import { PassThrough } from 'node:stream';
import { createRootLogger } from './root-logger';
import { logFormatFor } from './log-format';
import { REDACTED } from './redaction';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('log format', () => {
  it('is pretty only in development (NODE_ENV unset counts as development) on a terminal', () => {
    expect(logFormatFor('development', true)).toBe('pretty');
    expect(logFormatFor(undefined, true)).toBe('pretty');
    expect(logFormatFor('development', false)).toBe('json');
    expect(logFormatFor('production', true)).toBe('json');
    expect(logFormatFor('test', true)).toBe('json');
  });

  it('prints human lines (no JSON) in development on a terminal, still censoring secrets', () => {
    const out = capture();
    const logger = createRootLogger({ level: 'info', destination: out.stream, nodeEnv: 'development', stdoutIsTty: true });
    logger.info({ password: 'hunter2-secret' }, 'IdentSphere listening on :4000');
    const text = out.text();
    expect(text).toContain('IdentSphere listening on :4000');
    expect(text).toMatch(/INFO/);
    expect(() => JSON.parse(text.split('\n')[0])).toThrow();
    expect(text).not.toContain('hunter2-secret');
    expect(text).toContain(REDACTED);
  });

  it.each([
    ['production on a terminal', 'production', true],
    ['development in a pipe', 'development', false],
  ])('writes JSON lines for %s', (_name, nodeEnv, stdoutIsTty) => {
    const out = capture();
    createRootLogger({ level: 'info', destination: out.stream, nodeEnv: nodeEnv as string, stdoutIsTty: stdoutIsTty as boolean }).info('started');
    expect(JSON.parse(out.text().split('\n')[0])).toMatchObject({ level: 'info', msg: 'started' });
  });

  it('falls back to JSON when pino-pretty is not installed (an image built with --omit=dev)', () => {
    const out = capture();
    createRootLogger({ level: 'info', destination: out.stream, nodeEnv: 'development', stdoutIsTty: true, loadPretty: () => null }).info('started');
    expect(JSON.parse(out.text().split('\n')[0])).toMatchObject({ level: 'info', msg: 'started' });
  });
});
