import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ClientContext } from '@identsphere/common';
import { safeEqual, sha256Digest } from '@identsphere/crypto';
import { UsersRepository } from '@identsphere/users';
import type { SignedIn } from '../flows/session-issuer';
import { SsoLoginsRepository } from './persistence/sso-logins.repository';
import { SsoOutcomes } from './sso-outcomes';
import { SsoSessions } from './sso-sessions';
import { SsoErrors } from './sso.errors';

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
const s256 = (verifier: string): Buffer => Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));

/**
 * POST /v1/auth/sso/exchange: a bearer-mode client trades the one-time code from its returnTo URL, with the
 * PKCE verifier of the challenge it gave at start, for a session. The code is spent by the first attempt,
 * right or wrong: whoever intercepted the redirect cannot try verifiers.
 */
@Injectable()
export class SsoExchangeFlow {
  constructor(
    private readonly logins: SsoLoginsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SsoSessions,
    private readonly outcomes: SsoOutcomes,
  ) {}

  async exchange(input: { code: string; codeVerifier: string }, client: ClientContext): Promise<SignedIn> {
    const claimed = await this.logins.claimExchange(sha256Digest(input.code));
    if (!claimed || !safeEqual(s256(input.codeVerifier), Buffer.from(claimed.clientCodeChallenge))) throw SsoErrors.invalidCode();
    const user = await this.users.findById(claimed.userId);
    if (!user) throw SsoErrors.invalidCode();
    // The account may have been disabled between the callback and now.
    const refusal = this.sessions.refusalOf(user);
    if (refusal) {
      await this.outcomes.failed(claimed.providerId, refusal, client);
      throw this.sessions.problemOf(refusal);
    }
    return this.sessions.start(user, claimed.providerId, claimed.amr, claimed.idpSid, client);
  }
}
