import { QueryFailedError, TypeORMError } from 'typeorm';
import { DatabaseNotReadyError, isDatabaseUnavailableError, isUniqueViolation } from './database-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool checkout timeout', new Error('timeout exceeded when trying to connect')],
    ['a silent server (client-side read timeout)', failed(new Error('Query read timeout'))],
    ['a statement timeout', failed(pgError('57014', 'canceling statement due to statement timeout'))],
    ['an administrator shutdown', failed(pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server that is starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    // PgBouncer reports its own failures with 08P01 while PostgreSQL behind it is down or restarting.
    ['a pooler whose server is down', failed(pgError('08P01', 'server login has been failing, try again later (server_login_retry)'))],
    ['a pooler that found no server connection in time', failed(pgError('08P01', 'query_wait_timeout'))],
    ['TypeORM before the first connection', new TypeORMError('Driver not Connected')],
    ['the not-ready marker', new DatabaseNotReadyError()],
    ['a wrapped cause', new Error('lookup failed', { cause: new Error('Connection terminated unexpectedly') })],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failed(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error (a bug, not an outage)', failed(pgError('42601', 'syntax error at or near "SELEC"'))],
    ['a plain error', new Error('something else')],
    ['a non-error', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('recognises the constraint by name', () => {
    const error = failed(Object.assign(pgError('23505'), { constraint: 'users_email_key' }));
    expect(isUniqueViolation(error, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
  });
});
