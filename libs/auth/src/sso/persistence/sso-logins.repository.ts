import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@identsphere/database';

export type SsoMode = 'cookie' | 'bearer';

export interface NewSsoLogin {
  readonly stateDigest: string;
  readonly browserDigest: string;
  readonly providerId: string;
  readonly codeVerifierSealed: string;
  readonly nonce: string;
  readonly returnTo: string;
  readonly mode: SsoMode;
  readonly clientCodeChallenge: string | null;
  readonly ttlSeconds: number;
}

/** A pending login claimed by its callback (single use). */
export interface ClaimedSsoLogin {
  readonly id: string;
  readonly providerId: string;
  readonly codeVerifierSealed: string;
  readonly nonce: string;
  readonly returnTo: string;
  readonly mode: SsoMode;
}

/** A bearer-mode login's outcome, claimed by its one-time code (single use). */
export interface ClaimedSsoExchange {
  readonly providerId: string;
  readonly userId: string;
  readonly amr: readonly string[];
  readonly idpSid: string | null;
  readonly clientCodeChallenge: string;
}

/** A refused login's identity, claimed by its link token (single use) once the account owner proves the password. */
export interface ClaimedSsoLink {
  readonly providerId: string;
  readonly userId: string;
  readonly subject: string;
  readonly email: string;
  readonly amr: readonly string[];
  readonly idpSid: string | null;
}

/** Pending SSO logins in explicit SQL: every claim is one conditional UPDATE, so a state or code is used once. */
@Injectable()
export class SsoLoginsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async create(login: NewSsoLogin): Promise<void> {
    // Old rows go as new ones come: no sweeper needed (a row lives minutes).
    await this.tx.manager.query(`DELETE FROM sso_logins WHERE expires_at < now() - interval '1 hour'`);
    await this.tx.manager.query(
      `INSERT INTO sso_logins (id, state_digest, browser_digest, provider_id, code_verifier_sealed, nonce, return_to, mode, client_code_challenge, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(secs => $10))`,
      [randomUUID(), login.stateDigest, login.browserDigest, login.providerId, login.codeVerifierSealed, login.nonce, login.returnTo, login.mode, login.clientCodeChallenge, login.ttlSeconds],
    );
  }

  /** Null when unknown, used, expired, or started in another browser. */
  async claim(stateDigest: string, browserDigest: string): Promise<ClaimedSsoLogin | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sso_logins SET used_at = now()
       WHERE state_digest = $1 AND browser_digest = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING id, provider_id, code_verifier_sealed, nonce, return_to, mode`,
      [stateDigest, browserDigest],
    );
    const row = rows?.[0];
    return row ? { id: row.id, providerId: row.provider_id, codeVerifierSealed: row.code_verifier_sealed, nonce: row.nonce, returnTo: row.return_to, mode: row.mode } : null;
  }

  async awaitExchange(id: string, outcome: { exchangeDigest: string; userId: string; amr: readonly string[]; idpSid: string | null; ttlSeconds: number }): Promise<void> {
    await this.tx.manager.query(
      `UPDATE sso_logins SET exchange_digest = $2, user_id = $3, amr = $4, idp_sid = $5, exchange_expires_at = now() + make_interval(secs => $6) WHERE id = $1`,
      [id, outcome.exchangeDigest, outcome.userId, outcome.amr, outcome.idpSid, outcome.ttlSeconds],
    );
  }

  /** Null when unknown, used or expired. */
  async claimExchange(exchangeDigest: string): Promise<ClaimedSsoExchange | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sso_logins SET exchanged_at = now()
       WHERE exchange_digest = $1 AND exchanged_at IS NULL AND exchange_expires_at > now()
       RETURNING provider_id, user_id, amr, idp_sid, client_code_challenge`,
      [exchangeDigest],
    );
    const row = rows?.[0];
    return row ? { providerId: row.provider_id, userId: row.user_id, amr: row.amr, idpSid: row.idp_sid, clientCodeChallenge: row.client_code_challenge } : null;
  }

  async awaitLink(id: string, offer: { linkDigest: string; userId: string; subject: string; email: string; amr: readonly string[]; idpSid: string | null; ttlSeconds: number }): Promise<void> {
    await this.tx.manager.query(
      `UPDATE sso_logins SET link_digest = $2, user_id = $3, subject = $4, email = $5, amr = $6, idp_sid = $7, link_expires_at = now() + make_interval(secs => $8) WHERE id = $1`,
      [id, offer.linkDigest, offer.userId, offer.subject, offer.email, offer.amr, offer.idpSid, offer.ttlSeconds],
    );
  }

  /** Null when unknown, used or expired. */
  async claimLink(linkDigest: string): Promise<ClaimedSsoLink | null> {
    const [rows] = await this.tx.manager.query(
      `UPDATE sso_logins SET linked_at = now()
       WHERE link_digest = $1 AND linked_at IS NULL AND link_expires_at > now()
       RETURNING provider_id, user_id, subject, email, amr, idp_sid`,
      [linkDigest],
    );
    const row = rows?.[0];
    return row ? { providerId: row.provider_id, userId: row.user_id, subject: row.subject, email: row.email, amr: row.amr, idpSid: row.idp_sid } : null;
  }
}
