import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';
import type { NewPasskey, Passkey, StoredPasskey } from '../passkey';

const PUBLIC_COLUMNS = 'id, user_id, name, created_at, last_used_at, backed_up, device_type';
const STORED_COLUMNS = `${PUBLIC_COLUMNS}, credential_id, public_key, counter, transports`;

/** Passkey credentials in explicit SQL through the ambient transaction; secrets are read only by lookup for verification. */
@Injectable()
export class PasskeysRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Null when the credential id is already registered (to anyone): one authenticator credential, one account. */
  async insert(passkey: NewPasskey): Promise<Passkey | null> {
    const rows = await this.tx.manager.query(
      `INSERT INTO passkey_credentials (id, user_id, credential_id, public_key, counter, transports, device_type, backed_up, name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (credential_id) DO NOTHING RETURNING ${PUBLIC_COLUMNS}`,
      [randomUUID(), passkey.userId, passkey.credentialId, Buffer.from(passkey.publicKey), passkey.counter, passkey.transports, passkey.deviceType, passkey.backedUp, passkey.name],
    );
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async listForUser(userId: string): Promise<Passkey[]> {
    const rows = await this.tx.manager.query(`SELECT ${PUBLIC_COLUMNS} FROM passkey_credentials WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
    return rows.map(toPasskey);
  }

  /** What excludeCredentials / allowCredentials need: ids and transports, nothing secret. */
  async descriptorsForUser(userId: string): Promise<Array<{ credentialId: string; transports: string[] }>> {
    const rows = await this.tx.manager.query(`SELECT credential_id, transports FROM passkey_credentials WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
    return rows.map((r: { credential_id: string; transports: string[] | null }) => ({ credentialId: r.credential_id, transports: r.transports ?? [] }));
  }

  async findByCredentialId(credentialId: string): Promise<StoredPasskey | null> {
    const rows = await this.tx.manager.query(`SELECT ${STORED_COLUMNS} FROM passkey_credentials WHERE credential_id = $1`, [credentialId]);
    return rows[0] ? toStoredPasskey(rows[0]) : null;
  }

  /** Compare-and-swap on the counter: of two assertions racing on one counter value, one moves it. */
  async recordUse(id: string, expectedCounter: number, newCounter: number, backedUp: boolean): Promise<boolean> {
    const [, affected] = await this.tx.manager.query(
      `UPDATE passkey_credentials SET counter = $3, backed_up = $4, last_used_at = now() WHERE id = $1 AND counter = $2`,
      [id, expectedCounter, newCounter, backedUp],
    );
    return affected > 0;
  }

  /** Deletes the user's passkey; null for an unknown id or another user's passkey. */
  async delete(userId: string, id: string): Promise<Passkey | null> {
    const [rows] = await this.tx.manager.query(`DELETE FROM passkey_credentials WHERE id = $1 AND user_id = $2 RETURNING ${PUBLIC_COLUMNS}`, [id, userId]);
    return rows?.[0] ? toPasskey(rows[0]) : null;
  }

  async countForUser(userId: string): Promise<number> {
    const rows = await this.tx.manager.query(`SELECT count(*)::int AS n FROM passkey_credentials WHERE user_id = $1`, [userId]);
    return Number(rows[0]?.n ?? 0);
  }
}

interface PasskeyRow {
  id: string;
  user_id: string;
  name: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  backed_up: boolean;
  device_type: Passkey['deviceType'];
}

interface StoredPasskeyRow extends PasskeyRow {
  credential_id: string;
  public_key: Uint8Array;
  counter: string | number | bigint;
  transports: string[] | null;
}

const toPasskey = (r: PasskeyRow): Passkey => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
  backedUp: r.backed_up,
  deviceType: r.device_type,
});

const toStoredPasskey = (r: StoredPasskeyRow): StoredPasskey => ({
  ...toPasskey(r),
  credentialId: r.credential_id,
  publicKey: new Uint8Array(r.public_key),
  counter: Number(r.counter),
  transports: r.transports ?? [],
});
