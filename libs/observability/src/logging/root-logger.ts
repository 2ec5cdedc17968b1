import pino, { DestinationStream, Logger } from 'pino';
import { REDACTED, redactPaths } from './redaction';

export type RootLogger = Logger;

export interface RootLoggerOptions {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  /** Where JSON lines go; stdout by default. Tests pass a captured stream. */
  readonly destination?: DestinationStream;
}

/**
 * The process-wide JSON-lines logger: level names instead of numbers and ISO timestamps (so CloudWatch,
 * Cloud Logging and Loki parse lines without configuration), and secrets censored by configuration.
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
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
