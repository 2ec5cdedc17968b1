import { dataSource } from './auth-factories';
import type { TestApp } from './test-app';

/**
 * Moves one session `seconds` into the past, as if that much time had passed for it: every session time
 * decision compares these columns with the database's now(), so tests need not sleep.
 */
export async function ageSession(t: TestApp, sessionId: string, seconds: number): Promise<void> {
  const shifted = await dataSource(t).query(
    `UPDATE sessions SET created_at = created_at - make_interval(secs => $2), last_used_at = last_used_at - make_interval(secs => $2),
            rotated_at = rotated_at - make_interval(secs => $2), expires_at = expires_at - make_interval(secs => $2)
     WHERE id = $1 RETURNING id`,
    [sessionId, seconds],
  );
  if (shifted[0].length !== 1) throw new Error(`no session ${sessionId} to age`);
}
