import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** The PostgreSQL unique-violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : (error as { code?: string; constraint?: string });
  return driverError?.code === UNIQUE_VIOLATION && (!constraint || driverError.constraint === constraint);
}

// Socket errors, PostgreSQL's connection_exception class (08), operator intervention (57P0x: shutdown,
// crash, starting up) and too_many_connections (53300): all mean "not now", none is the client's fault.
// 08P01 (protocol_violation) is what PgBouncer answers while its server is down or restarting ("server
// login has been failing", query_wait_timeout): found by the fleet's PostgreSQL-restart test (test/fleet).
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '08P01', '53300']);
const CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i,
  /connect ECONNREFUSED/i,
  // TypeORM before the first successful connection (the connector keeps retrying in the background).
  /DataSource is not initialized|Connection .* not established|connection is not yet established|Driver not Connected/i,
  /canceling statement due to statement timeout/i,
  /Cannot use a pool after calling end/i,
];

/** True for failures that mean "the database is unreachable or too slow", which answer 503 unavailable. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; message?: string; driverError?: unknown; cause?: unknown; name?: string };
  if (e.driverError && isDatabaseUnavailableError(e.driverError)) return true;
  if (e.cause && e.cause !== error && isDatabaseUnavailableError(e.cause)) return true;
  if (e.name === 'DatabaseNotReadyError') return true;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  return CONNECTION_MESSAGES.some((re) => re.test(e.message ?? ''));
}

/** Thrown when a request needs the database before the first successful connection. */
export class DatabaseNotReadyError extends Error {
  override readonly name = 'DatabaseNotReadyError';
  constructor() {
    super('database not ready');
  }
}
