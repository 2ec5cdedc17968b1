import { Injectable } from '@nestjs/common';
import type { ClientContext } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService, type Session } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';
import { counted, flowEvent, type FlowEvent } from '../../events/flow-outcome';
import { FlowOutcomes } from '../../events/flow-outcomes';
import { ReturnToPolicy } from '../return-to-policy';
import { EndSessionUrl } from './end-session-url';

export interface SsoLogoutRequest {
  readonly refreshToken: string | null;
  readonly accessToken: string | null;
  readonly postLogoutRedirectUri: string | null;
}

/** What ended the session: the logout event of its kind (a replayed refresh token is theft evidence, as on logout). */
function endedEvent(session: Session, replayed: boolean): FlowEvent {
  if (replayed) return flowEvent('refresh_token_reused', session.userId, session.id);
  if (!session.idpProviderId) return flowEvent('logout', session.userId, session.id);
  return flowEvent('sso_logout', session.userId, session.id, { provider: session.idpProviderId, via: 'rp_initiated' });
}

/**
 * Sign out here and at the provider (RP-initiated logout): ends our session as POST /v1/auth/logout does
 * (idempotent), and when the session came from a provider, answers the provider's end-session URL for the
 * SPA to navigate to. Plain logout stays local: a user leaving our app is not signed out of Entra or Okta.
 */
@Injectable()
export class SsoLogoutFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly returnTo: ReturnToPolicy,
    private readonly endSessionUrl: EndSessionUrl,
    private readonly tx: TransactionHost,
    private readonly outcomes: FlowOutcomes,
  ) {}

  async logout(request: SsoLogoutRequest, client: ClientContext): Promise<{ endSessionUrl: string | null }> {
    // Checked first: a refused redirect must not leave the user half signed out.
    const redirect = request.postLogoutRedirectUri ? this.returnTo.check(request.postLogoutRedirectUri) : null;
    const byRefresh = request.refreshToken ? await this.endWithRefreshToken(request.refreshToken, client) : null;
    const bySession = await this.endWithAccessToken(request.accessToken, client);
    const ended = [byRefresh, bySession].find((s) => s?.idpProviderId) ?? null;
    const url = ended?.idpProviderId ? await this.endSessionUrl.of(ended.idpProviderId, redirect) : null;
    await this.outcomes.record([counted.ssoLogout('rp_initiated', url ? 'redirect' : 'local')], client);
    return { endSessionUrl: url };
  }

  /** The session the refresh token names, if this ended it as a logout (a replay ends it as reuse: no provider logout). */
  private endWithRefreshToken(refreshToken: string, client: ClientContext): Promise<Session | null> {
    return this.tx.run(async () => {
      const result = await this.sessions.endWithRefreshToken(refreshToken);
      if (result.kind === 'none') return null;
      await this.outcomes.record([endedEvent(result.session, result.kind === 'reused')], client);
      return result.kind === 'ended' ? result.session : null;
    });
  }

  private async endWithAccessToken(accessToken: string | null, client: ClientContext): Promise<Session | null> {
    const principal = accessToken ? await this.accessTokens.verify(accessToken).catch(() => null) : null;
    if (!principal) return null;
    return this.tx.run(async () => {
      const session = await this.sessions.end(principal.sessionId, 'logout');
      if (session) await this.outcomes.record([endedEvent(session, false)], client);
      return session;
    });
  }
}
