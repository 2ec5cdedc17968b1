import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDomainError } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { RateLimiter } from '@identsphere/rate-limit';
import { startTestApp, TestApp } from '../support/test-app';

// Hour-long windows, so no test's burst of attempts straddles a window boundary.
const LIMIT = { max: 10, windowSeconds: 3600 };

describe('RateLimiter on the database', () => {
  let t: TestApp;
  let limiter: RateLimiter;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    limiter = t.app.get(RateLimiter);
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => t.close());

  it('allows exactly max of 30 concurrent attempts (one atomic upsert each)', async () => {
    const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.attempt('int-concurrent', 'subject-1', LIMIT)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(LIMIT.max);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
  });

  it('consume() throws 429 rate_limited with a retry time once over the limit', async () => {
    for (let i = 0; i < LIMIT.max; i++) await limiter.consume('int-consume', 'subject-1', LIMIT);
    const error = await limiter.consume('int-consume', 'subject-1', LIMIT).catch((e: unknown) => e);
    expect(isDomainError(error) && { code: error.code, kind: error.kind, retry: (error.options.retryAfterSeconds ?? 0) >= 1 }).toEqual({ code: 'rate_limited', kind: 'rate_limited', retry: true });
  });

  it('keeps buckets and subjects apart', async () => {
    for (let i = 0; i < LIMIT.max; i++) await limiter.consume('int-apart', 'subject-1', LIMIT);
    await expect(limiter.consume('int-apart', 'subject-2', LIMIT)).resolves.toBeUndefined();
    await expect(limiter.consume('int-apart-other', 'subject-1', LIMIT)).resolves.toBeUndefined();
  });

  it('stores only keyed digests of subjects, never the subject itself', async () => {
    await limiter.consume('int-digest', 'someone@example.com', LIMIT);
    const rows: Array<{ subject: string }> = await db.query(`SELECT subject FROM rate_limit_counters WHERE bucket = 'int-digest'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).not.toContain('someone');
    expect(rows[0].subject).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('shifts the count into the previous window when a window passes, where it still weighs on the estimate', async () => {
    for (let i = 0; i < LIMIT.max; i++) await limiter.consume('int-slide', 'subject-1', LIMIT);
    // Move the row one window back (what an hour would do).
    await db.query(`UPDATE rate_limit_counters SET window_start = window_start - interval '3600 seconds' WHERE bucket = 'int-slide'`);
    const next = await limiter.attempt('int-slide', 'subject-1', LIMIT);
    const [row] = await db.query(`SELECT count, previous_count FROM rate_limit_counters WHERE bucket = 'int-slide'`);
    expect({ count: row.count, previous: row.previous_count }).toEqual({ count: 1, previous: LIMIT.max });
    expect(next.estimate).toBeGreaterThan(1);
  });

  it('peek() counts nothing and reset() forgets the subject', async () => {
    for (let i = 0; i < LIMIT.max; i++) await limiter.consume('int-reset', 'subject-1', LIMIT);
    expect((await limiter.peek('int-reset', 'subject-1', LIMIT)).allowed).toBe(false);
    expect((await limiter.peek('int-reset', 'subject-1', LIMIT)).allowed).toBe(false);
    await limiter.reset('int-reset', 'subject-1');
    expect((await limiter.peek('int-reset', 'subject-1', LIMIT)).allowed).toBe(true);
  });

  it('refuses to run inside a transaction, whose rollback would undo the count', async () => {
    const tx = t.app.get(TransactionHost);
    await expect(tx.run(() => limiter.consume('int-tx', 'subject-1', LIMIT))).rejects.toThrow(/outside a transaction/);
  });
});
