import type { DataSource } from 'typeorm';
import type { DatabaseConnector } from '@identsphere/database';
import { DatabasePing, PING_INTERVAL_MS } from './database-ping';

/** A pool whose `SELECT 1` answers when the test says so. */
function fakeDatabase() {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const dataSource = { isInitialized: true, query: jest.fn(() => new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))) };
  const connector = { isReady: true };
  const ping = new DatabasePing(connector as unknown as DatabaseConnector, dataSource as unknown as DataSource);
  return { ping, dataSource, connector, answer: () => pending.shift()?.resolve(), fail: () => pending.shift()?.reject(new Error('Connection terminated')) };
}

const flush = () => jest.advanceTimersByTimeAsync(0);

describe('DatabasePing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers probes from the last ping, without a query per probe', async () => {
    const db = fakeDatabase();
    const booted = db.ping.onApplicationBootstrap();
    db.answer();
    await booted;
    for (let i = 0; i < 100; i++) expect(db.ping.status()).toEqual({ up: true });
    expect(db.dataSource.query).toHaveBeenCalledTimes(1);
    db.ping.onApplicationShutdown();
  });

  it('turns down at once when a request reports the database unavailable, and up again at the next good ping', async () => {
    const db = fakeDatabase();
    const booted = db.ping.onApplicationBootstrap();
    db.answer();
    await booted;
    db.ping.reportUnavailable();
    expect(db.ping.status()).toEqual({ up: false, message: 'a request found the database unavailable' });
    await jest.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    db.answer();
    await flush();
    expect(db.ping.status()).toEqual({ up: true });
    db.ping.onApplicationShutdown();
  });

  it('reports a failed ping at once, and recovers with the next one that succeeds', async () => {
    const db = fakeDatabase();
    const booted = db.ping.onApplicationBootstrap();
    db.answer();
    await booted;
    await jest.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    db.fail();
    await flush();
    expect(db.ping.status()).toEqual({ up: false, message: 'ping failed' });
    await jest.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    db.answer();
    await flush();
    expect(db.ping.status()).toEqual({ up: true });
    db.ping.onApplicationShutdown();
  });

  it('turns down within 1 s of the database going silent, before the ping in flight gives up', async () => {
    const db = fakeDatabase();
    const booted = db.ping.onApplicationBootstrap();
    db.answer();
    await booted;
    // Silence from now on: the next ping starts within one interval and never answers.
    await jest.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(db.ping.status()).toEqual({ up: true });
    await jest.advanceTimersByTimeAsync(1_000 - PING_INTERVAL_MS - 1);
    expect(db.ping.status()).toMatchObject({ up: false });
    db.ping.onApplicationShutdown();
  });

  it('is down while the database is not connected, without pinging', async () => {
    const db = fakeDatabase();
    db.connector.isReady = false;
    await db.ping.onApplicationBootstrap();
    expect(db.ping.status()).toEqual({ up: false, message: 'not connected' });
    expect(db.dataSource.query).not.toHaveBeenCalled();
    db.ping.onApplicationShutdown();
  });
});
