import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@identsphere/database';
import type { IdentityProvider, ProviderAuthMethod, ProviderManager } from '../identity-provider';

/** A provider as stored: the public fields plus its sealed secret, which only `sealedSecret` returns. */
export interface ProviderRecord extends Omit<IdentityProvider, 'createdAt' | 'updatedAt'> {
  readonly clientSecretSealed: string | null;
}

interface ProviderRow {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  auth_method: string;
  scopes: string[];
  enforce_sso: boolean;
  email_claim: string;
  name_claim: string;
  groups_claim: string | null;
  role_mapping: Record<string, string[]>;
  managed_by: string;
  created_at: Date;
  updated_at: Date;
  domains: string[] | null;
}

// Domains come along as a sorted array so one query answers get, list and forDomain.
const SELECT_PROVIDER = `
  SELECT p.id, p.name, p.issuer, p.client_id, p.auth_method, p.scopes, p.enforce_sso, p.email_claim, p.name_claim,
         p.groups_claim, p.role_mapping, p.managed_by, p.created_at, p.updated_at,
         (SELECT array_agg(d.domain ORDER BY d.domain) FROM identity_provider_domains d WHERE d.provider_id = p.id) AS domains
    FROM identity_providers p`;

const toProvider = (row: ProviderRow): IdentityProvider => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  authMethod: row.auth_method as ProviderAuthMethod,
  scopes: row.scopes,
  domains: row.domains ?? [],
  enforceSso: row.enforce_sso,
  claims: { email: row.email_claim, name: row.name_claim, groups: row.groups_claim },
  roleMapping: row.role_mapping,
  managedBy: row.managed_by as ProviderManager,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/**
 * The identity_providers and identity_provider_domains tables. The sealed client secret leaves them only
 * through `sealedSecret` (STYLE 4). Writes join the ambient transaction; callers wrap a write and its domain
 * claims in one.
 */
@Injectable()
export class IdentityProvidersRepository {
  constructor(private readonly tx: TransactionHost) {}

  async find(id: string): Promise<IdentityProvider | null> {
    const rows: ProviderRow[] = await this.tx.manager.query(`${SELECT_PROVIDER} WHERE p.id = $1`, [id]);
    return rows[0] ? toProvider(rows[0]) : null;
  }

  async findByDomain(domain: string): Promise<IdentityProvider | null> {
    const rows: ProviderRow[] = await this.tx.manager.query(`${SELECT_PROVIDER} JOIN identity_provider_domains o ON o.provider_id = p.id WHERE o.domain = $1`, [domain]);
    return rows[0] ? toProvider(rows[0]) : null;
  }

  async list(manager?: ProviderManager): Promise<IdentityProvider[]> {
    const rows: ProviderRow[] = manager
      ? await this.tx.manager.query(`${SELECT_PROVIDER} WHERE p.managed_by = $1 ORDER BY p.id`, [manager])
      : await this.tx.manager.query(`${SELECT_PROVIDER} ORDER BY p.id`);
    return rows.map(toProvider);
  }

  /** undefined: no such provider; null: it has no secret (private_key_jwt). */
  async sealedSecret(id: string): Promise<string | null | undefined> {
    const rows: Array<{ client_secret_sealed: string | null }> = await this.tx.manager.query(`SELECT client_secret_sealed FROM identity_providers WHERE id = $1`, [id]);
    return rows[0] ? rows[0].client_secret_sealed : undefined;
  }

  /** Returns false when the id exists already. Domains are claimed separately (`claimDomains`). */
  async insert(record: ProviderRecord): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO identity_providers (id, name, issuer, client_id, auth_method, client_secret_sealed, scopes, enforce_sso, email_claim, name_claim, groups_claim, role_mapping, managed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING RETURNING id`,
      this.columns(record),
    );
    return rows.length > 0;
  }

  /** Replaces every field (and the sealed secret) of an existing provider; returns false for an unknown id. */
  async replace(record: ProviderRecord): Promise<boolean> {
    const [rows] = await this.tx.manager.query(
      `UPDATE identity_providers SET name = $2, issuer = $3, client_id = $4, auth_method = $5, client_secret_sealed = $6, scopes = $7, enforce_sso = $8,
              email_claim = $9, name_claim = $10, groups_claim = $11, role_mapping = $12, managed_by = $13, updated_at = now()
        WHERE id = $1 RETURNING id`,
      this.columns(record),
    );
    return rows.length > 0;
  }

  /**
   * Gives the provider exactly these domains. Returns the domains another provider already owns (and claims
   * none of them then, the caller rolls back): ON CONFLICT DO NOTHING keeps the transaction usable, and the
   * primary key settles two instances racing for one domain.
   */
  async claimDomains(providerId: string, domains: readonly string[]): Promise<string[]> {
    await this.tx.manager.query(`DELETE FROM identity_provider_domains WHERE provider_id = $1`, [providerId]);
    if (domains.length === 0) return [];
    const rows: Array<{ domain: string }> = await this.tx.manager.query(
      `INSERT INTO identity_provider_domains (domain, provider_id) SELECT unnest($1::text[]), $2 ON CONFLICT (domain) DO NOTHING RETURNING domain`,
      [domains, providerId],
    );
    const claimed = new Set(rows.map((r) => r.domain));
    return domains.filter((d) => !claimed.has(d));
  }

  /** Deletes the provider and, by the foreign keys' cascade, its domains and linked identities. */
  async delete(id: string): Promise<boolean> {
    const [rows] = await this.tx.manager.query(`DELETE FROM identity_providers WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  private columns(r: ProviderRecord): unknown[] {
    return [r.id, r.name, r.issuer, r.clientId, r.authMethod, r.clientSecretSealed, r.scopes, r.enforceSso, r.claims.email, r.claims.name, r.claims.groups, JSON.stringify(r.roleMapping), r.managedBy];
  }
}
