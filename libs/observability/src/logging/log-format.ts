import type { DestinationStream } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Pretty lines only for a person: the development default (NODE_ENV unset counts as development, as in
 * the config) on an interactive terminal. Everything else (production, tests, containers, pipes, log
 * shippers) gets JSON lines.
 */
export function logFormatFor(nodeEnv: string | undefined, stdoutIsTty: boolean): LogFormat {
  return (nodeEnv ?? 'development') === 'development' && stdoutIsTty ? 'pretty' : 'json';
}

type PrettyFactory = (options: PrettyOptions) => DestinationStream;

/**
 * pino-pretty is a devDependency, loaded only when wanted: the production image (npm ci --omit=dev) does
 * not have it, and then the logger stays JSON rather than failing to start.
 */
export function loadPinoPretty(): PrettyFactory | null {
  try {
    // A synchronous, optional load; a static import would make the module mandatory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pino-pretty') as PrettyFactory;
  } catch {
    return null;
  }
}

/** A pretty stream to `destination` (stdout by default), or null when pino-pretty is not installed. */
export function prettyDestination(destination: DestinationStream | number, colorize: boolean, load: () => PrettyFactory | null = loadPinoPretty): DestinationStream | null {
  const pretty = load();
  if (!pretty) return null;
  // sync: lines appear in order with Nest's own output and are not lost when the process exits.
  return pretty({ destination: destination as PrettyOptions['destination'], sync: true, colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,context', messageFormat: '{if context}[{context}] {end}{msg}' });
}
