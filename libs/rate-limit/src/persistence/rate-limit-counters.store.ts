import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@identsphere/database';
import type { WindowCounts } from '../sliding-window';
import { autocommitQuery } from './autocommit';

// The fixed window containing now(), aligned to multiples of the window length since the epoch.
const windowStart = (window: string) => `to_timestamp(floor(extract(epoch FROM now()) / ${window}::integer) * ${window}::integer)`;
const WINDOW_START = windowStart('$3');

/**
 * One atomic statement per attempt (no read-then-write): a new window shifts this window's count into
 * previous_count (or drops it when a whole window passed), the same window adds one. The row is useless
 * two windows after its window started, which is when the cleanup job may delete it. `when`: a SQL
 * condition under which the attempt counts at all (a statement that only sometimes counts, see LoginThrottle).
 */
export function counterHitSql(bucket: string, subject: string, window: string, when = 'true'): string {
  const start = windowStart(window);
  return `
  INSERT INTO rate_limit_counters AS c (bucket, subject, window_start, count, previous_count, expires_at)
  SELECT ${bucket}::text, ${subject}::text, ${start}, 1, 0, ${start} + make_interval(secs => 2 * ${window}::integer) WHERE ${when}
  ON CONFLICT (bucket, subject) DO UPDATE SET
    previous_count = CASE
      WHEN c.window_start = EXCLUDED.window_start THEN c.previous_count
      WHEN c.window_start = EXCLUDED.window_start - make_interval(secs => ${window}::integer) THEN c.count
      ELSE 0 END,
    count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + 1 ELSE 1 END,
    window_start = EXCLUDED.window_start,
    expires_at = EXCLUDED.expires_at
  RETURNING count, previous_count, extract(epoch FROM now() - window_start)::float8 AS elapsed`;
}

const HIT = counterHitSql('$1', '$2', '$3');

const PEEK = `
  SELECT CASE WHEN window_start = ${WINDOW_START} THEN count ELSE 0 END AS count,
         CASE WHEN window_start = ${WINDOW_START} THEN previous_count
              WHEN window_start = ${WINDOW_START} - make_interval(secs => $3::integer) THEN count ELSE 0 END AS previous_count,
         extract(epoch FROM now() - ${WINDOW_START})::float8 AS elapsed
  FROM rate_limit_counters WHERE bucket = $1 AND subject = $2`;

export interface CountsRow {
  count: number | string;
  previous_count: number | string;
  elapsed: number | string;
}

@Injectable()
export class RateLimitCountersStore {
  private readonly query: ReturnType<typeof autocommitQuery>;

  constructor(@InjectDataSource() dataSource: DataSource, tx: TransactionHost) {
    this.query = autocommitQuery(dataSource, tx);
  }

  async hit(bucket: string, subject: string, windowSeconds: number): Promise<WindowCounts> {
    const [row] = await this.query<CountsRow[]>(HIT, [bucket, subject, windowSeconds]);
    return toCounts(row);
  }

  async peek(bucket: string, subject: string, windowSeconds: number): Promise<WindowCounts> {
    const [row] = await this.query<CountsRow[]>(PEEK, [bucket, subject, windowSeconds]);
    return row ? toCounts(row) : { count: 0, previousCount: 0, elapsedSeconds: 0 };
  }

  async reset(bucket: string, subject: string): Promise<void> {
    await this.query(`DELETE FROM rate_limit_counters WHERE bucket = $1 AND subject = $2`, [bucket, subject]);
  }
}

export const toCounts = (row: CountsRow): WindowCounts => ({
  count: Number(row.count),
  previousCount: Number(row.previous_count),
  elapsedSeconds: Number(row.elapsed),
});
