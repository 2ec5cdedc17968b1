import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end a session's liveness announces the owner's user id on the channel
 * `identsphere_liveness`, so each instance's in-process liveness cache (libs/sessions) forgets that user:
 *
 * - `pg_notify` reaches every listening instance once the transaction commits (identical payloads within a
 *   transaction are delivered once, so revoking all of a user's sessions is one notification);
 * - `RAISE NOTICE` reaches the connection that ran the statement at once, before its instance can answer
 *   the request that revoked: that instance never serves a stale answer, even before the notification.
 *
 * Triggers rather than calls in the code: every path is covered, a flow added later and a hand-written
 * UPDATE included. The WHEN clauses keep the hot writes free (a refresh moves `last_used_at` forward, a
 * login inserts): only a revocation, an account disable or enable, a shortened lifetime (tests age sessions
 * this way) or a deleted live session call the function.
 */
export class SessionLivenessNotify1764470000100 implements MigrationInterface {
  name = 'SessionLivenessNotify1764470000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION "identsphere_announce_liveness"(affected uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        RAISE NOTICE USING MESSAGE = 'identsphere_liveness:' || affected;
        PERFORM pg_notify('identsphere_liveness', affected::text);
      END $$`);
    await q.query(`
      CREATE FUNCTION "sessions_liveness_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM identsphere_announce_liveness(OLD.user_id);
        IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN PERFORM identsphere_announce_liveness(NEW.user_id); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "users_liveness_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM identsphere_announce_liveness(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "sessions_liveness_update" AFTER UPDATE ON "sessions" FOR EACH ROW
      WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.expires_at < OLD.expires_at
            OR NEW.last_used_at < OLD.last_used_at OR NEW.user_id <> OLD.user_id)
      EXECUTE FUNCTION "sessions_liveness_changed"()`);
    await q.query(`
      CREATE TRIGGER "sessions_liveness_delete" AFTER DELETE ON "sessions" FOR EACH ROW
      WHEN (OLD.revoked_at IS NULL) EXECUTE FUNCTION "sessions_liveness_changed"()`);
    await q.query(`
      CREATE TRIGGER "users_liveness_update" AFTER UPDATE ON "users" FOR EACH ROW
      WHEN (NEW.disabled_at IS DISTINCT FROM OLD.disabled_at OR NEW.disabled_until IS DISTINCT FROM OLD.disabled_until)
      EXECUTE FUNCTION "users_liveness_changed"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "users_liveness_update" ON "users"`);
    await q.query(`DROP TRIGGER "sessions_liveness_delete" ON "sessions"`);
    await q.query(`DROP TRIGGER "sessions_liveness_update" ON "sessions"`);
    await q.query(`DROP FUNCTION "users_liveness_changed"()`);
    await q.query(`DROP FUNCTION "sessions_liveness_changed"()`);
    await q.query(`DROP FUNCTION "identsphere_announce_liveness"(uuid)`);
  }
}
