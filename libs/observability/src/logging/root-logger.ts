import pino, { DestinationStream, Logger } from 'pino';
import { logFormatFor, loadPinoPretty, prettyDestination } from './log-format';
import { REDACTED, redactPaths } from './redaction';

export type RootLogger = Logger;

export interface RootLoggerOptions {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  /** Where JSON lines go; stdout by default. Tests pass a captured stream. */
  readonly destination?: DestinationStream;
  /** NODE_ENV as the config read it; with `stdoutIsTty`, it decides between pretty and JSON lines. */
  readonly nodeEnv?: string;
  /** Whether stdout is an interactive terminal; default process.stdout.isTTY. */
  readonly stdoutIsTty?: boolean;
  /** How pino-pretty is loaded (tests simulate its absence). */
  readonly loadPretty?: typeof loadPinoPretty;
}

/**
 * The process-wide JSON-lines logger: level names instead of numbers and ISO timestamps (so CloudWatch,
 * Cloud Logging and Loki parse lines without configuration), and secrets censored by configuration. In
 * development on a terminal (and only when `nodeEnv` is given) the same lines are printed by pino-pretty,
 * for a person; redaction happens before either.
 */
export function createRootLogger(options: RootLoggerOptions): RootLogger {
  return pino(
    {
      level: options.level,
      base: { service: 'identsphere', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    destinationFor(options),
  );
}

function destinationFor(options: RootLoggerOptions): DestinationStream {
  const isTty = options.stdoutIsTty ?? process.stdout.isTTY === true;
  if (options.nodeEnv !== undefined && logFormatFor(options.nodeEnv, isTty) === 'pretty') {
    const pretty = prettyDestination(options.destination ?? 1, isTty, options.loadPretty);
    if (pretty) return pretty;
  }
  return options.destination ?? pino.destination({ dest: 1, sync: true });
}
