import { Injectable, Logger } from '@nestjs/common';
import { ClientContext, CommonErrors } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import { UserIdentities } from '@identsphere/identities';
import { RateLimit, RateLimiter } from '@identsphere/rate-limit';
import { SessionsService, type Session } from '@identsphere/sessions';
import { counted, flowEvent, type FlowOutcome } from '../../events/flow-outcome';
import { FlowOutcomes } from '../../events/flow-outcomes';
import { LogoutTokenVerifier, type VerifiedLogout } from './logout-token-verifier';
import { LogoutTokenReplayRepository } from './persistence/logout-token-replay.repository';
import { LogoutTokenRefusal, SsoLogoutErrors } from './sso-logout.errors';

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider tells us a user signed out there, and the sessions
 * it started here end on every instance at once (the guard checks the session on each request). The jti,
 * the revocations and their audit rows commit together.
 */
/** Refused tokens are counted per client IP: garbage with unknown key ids must not make us hammer a provider's JWKS. */
const REFUSALS_BUCKET = 'sso-backchannel-refused-ip';

@Injectable()
export class BackchannelLogoutFlow {
  private readonly logger = new Logger('Sso');
  private readonly refusalLimit: RateLimit;

  constructor(
    private readonly verifier: LogoutTokenVerifier,
    private readonly replays: LogoutTokenReplayRepository,
    private readonly identities: UserIdentities,
    private readonly sessions: SessionsService,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.refusalLimit = { max: config.throttling.ipMaxAttempts, windowSeconds: config.throttling.ipWindowSeconds };
  }

  /** Returns how many sessions ended; 400 invalid_logout_token for any refused token, 429 after too many refusals. */
  async logout(logoutToken: string, client: ClientContext): Promise<number> {
    const subject = client.ip ?? 'unknown';
    const admitted = await this.limiter.peek(REFUSALS_BUCKET, subject, this.refusalLimit);
    if (!admitted.allowed) {
      await this.outcomes.record([counted.ssoLogout('backchannel', 'throttled')], client);
      throw CommonErrors.rateLimited(admitted.retryAfterSeconds);
    }
    try {
      const logout = await this.verifier.verify(logoutToken);
      return await this.tx.run(async () => {
        for (const provider of logout.providers) if (!(await this.replays.remember(provider.id, logout.jti, logout.rememberUntil))) throw new LogoutTokenRefusal('replayed');
        const ended = await this.endSessions(logout);
        const events: FlowOutcome[] = ended.map(({ session, providerId }) => flowEvent('sso_logout', session.userId, session.id, { provider: providerId, via: 'backchannel' }));
        await this.outcomes.record([...events, counted.ssoLogout('backchannel', ended.length > 0 ? 'ended' : 'none')], client);
        return ended.length;
      });
    } catch (error) {
      if (!(error instanceof LogoutTokenRefusal)) throw error;
      this.logger.warn(`sso back-channel logout refused: ${error.fault}`);
      await this.limiter.attempt(REFUSALS_BUCKET, subject, this.refusalLimit);
      const outcome = error.fault === 'replayed' || error.fault === 'provider_unavailable' ? error.fault : 'invalid';
      await this.outcomes.record([counted.ssoLogout('backchannel', outcome)], client);
      throw SsoLogoutErrors.invalidLogoutToken();
    }
  }

  /** §2.7: the sessions of the provider session `sid`, and/or of the user(s) linked to `sub` (both: both must match). */
  private async endSessions(logout: VerifiedLogout): Promise<Array<{ session: Session; providerId: string }>> {
    const ended: Array<{ session: Session; providerId: string }> = [];
    for (const provider of logout.providers) {
      const linked = logout.sub ? await this.identities.find(provider.id, logout.sub) : null;
      const match = { ...(logout.sid ? { sid: logout.sid } : {}), ...(logout.sub ? { userIds: linked ? [linked.userId] : [] } : {}) };
      for (const session of await this.sessions.revokeForIdp(provider.id, match, 'idp_logout')) ended.push({ session, providerId: provider.id });
    }
    return ended;
  }
}
