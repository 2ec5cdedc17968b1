import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import type { ClientScope, MachineClient } from '../machine-client';

export interface StoredSecretDigests {
  readonly client: MachineClient;
  readonly current: string;
  /** The digest replaced by the last rotation, while its overlap lasts; null otherwise. */
  readonly previous: string | null;
}

/** The previous secret counts only until its overlap ends, judged by the database's clock (shared by all instances). */
const COLUMNS = `id, name, scopes, created_at, secret_rotated_at, disabled_at,
  CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_live_until`;

/** Machine clients persistence in explicit SQL: rotation is one statement, and the guard's check one primary-key lookup. */
@Injectable()
export class MachineClientsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async create(input: { id: string; name: string; scopes: readonly ClientScope[]; secretDigest: string }): Promise<MachineClient> {
    const rows = await this.tx.manager.query(`INSERT INTO machine_clients (id, name, scopes, secret_digest) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      input.id,
      input.name,
      input.scopes,
      input.secretDigest,
    ]);
    return toClient(rows[0]);
  }

  async find(id: string): Promise<MachineClient | null> {
    const rows = await this.tx.manager.query(`SELECT ${COLUMNS} FROM machine_clients WHERE id = $1`, [id]);
    return rows[0] ? toClient(rows[0]) : null;
  }

  /** Secrets are opt-in: only client authentication reads the digests. */
  async findWithDigests(id: string): Promise<StoredSecretDigests | null> {
    const rows = await this.tx.manager.query(`SELECT ${COLUMNS}, secret_digest, previous_secret_digest FROM machine_clients WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    return { client: toClient(row), current: row.secret_digest, previous: row.previous_live_until ? row.previous_secret_digest : null };
  }

  async list(): Promise<MachineClient[]> {
    const rows = await this.tx.manager.query(`SELECT ${COLUMNS} FROM machine_clients ORDER BY created_at, id`);
    return rows.map(toClient);
  }

  /** The new digest becomes current; the old one stays valid for `overlapSeconds` (any older one is dropped). */
  async rotate(id: string, secretDigest: string, overlapSeconds: number): Promise<MachineClient | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE machine_clients SET previous_secret_digest = secret_digest, previous_secret_expires_at = now() + make_interval(secs => $3),
              secret_digest = $2, secret_rotated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, secretDigest, overlapSeconds],
    );
    return rows[0] ? toClient(rows[0]) : null;
  }

  /** Idempotent: disabling keeps the first disabled_at, enabling clears it. */
  async setDisabled(id: string, disabled: boolean): Promise<MachineClient | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE machine_clients SET disabled_at = CASE WHEN $2::boolean THEN COALESCE(disabled_at, now()) END WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, disabled],
    );
    return rows[0] ? toClient(rows[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(`DELETE FROM machine_clients WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async isActive(id: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM machine_clients WHERE id = $1 AND disabled_at IS NULL`, [id]);
    return rows.length > 0;
  }
}

interface ClientRow {
  id: string;
  name: string;
  scopes: ClientScope[];
  created_at: Date;
  secret_rotated_at: Date;
  disabled_at: Date | null;
  previous_live_until: Date | null;
}

function toClient(row: ClientRow): MachineClient {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes ?? [],
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
    previousSecretExpiresAt: row.previous_live_until,
    disabledAt: row.disabled_at,
  };
}
