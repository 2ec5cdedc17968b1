import { Client } from 'pg';

/**
 * Counts the statements the service sends to PostgreSQL while `fn` runs: every `query` call on a pg
 * Client is one round trip (BEGIN and COMMIT included). Statements from background work (outboxes,
 * maintenance jobs, health pings, signing-key refresh, the boot-time seeding of identity providers, which
 * lists them all) are left out, so the count is the request's own.
 */
const BACKGROUND = /mail_outbox|webhook_deliveries|signing_keys|pg_try_advisory|^\s*SELECT 1\s*$|FROM identity_providers p\s+ORDER BY/i;

export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: any[]): any {
    const text = typeof args[0] === 'string' ? args[0] : String(args[0]?.text ?? '');
    if (!BACKGROUND.test(text)) seen.push(text.replace(/\s+/g, ' ').trim().slice(0, 120));
    return (original as (...a: any[]) => any).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await fn();
  } finally {
    Client.prototype.query = original;
  }
  return seen;
}
