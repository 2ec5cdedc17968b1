import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@identsphere/observability';

export type LoginOutcome = 'success' | 'invalid' | 'throttled' | 'overloaded' | 'disabled' | 'unverified' | 'mfa_required';
/** A second-factor or step-up proof: accepted, wrong, or refused unjudged by the per-account throttle. */
export type ProofOutcome = 'accepted' | 'wrong' | 'throttled';
/** Why a proof is asked for: completing an MFA login, or stepping up an existing session. */
export type ProofPurpose = 'mfa' | 'step_up';
/** How an SSO login ended: a session, or the `error` its redirect carried (SsoFailure), or a bad state. */
export type SsoLoginOutcome = 'success' | 'provider_unavailable' | 'sso_failed' | 'account_exists_link_required' | 'account_disabled' | 'email_not_verified' | 'invalid_state';
/** SSO logouts: a provider's back-channel logout token, or the SPA asking to end the session at the provider too. */
export type SsoLogoutChannel = 'backchannel' | 'rp_initiated';
/**
 * backchannel: `ended` (sessions revoked), `none` (valid token, no live session matched), `invalid` (refused),
 * `replayed` (a jti seen before), `provider_unavailable` (its keys could not be read), `throttled` (too many refusals
 * from the client's IP); rp_initiated: `redirect`
 * (an end-session URL was given) or `local` (only our session ended).
 */
export type SsoLogoutOutcome = 'ended' | 'none' | 'invalid' | 'replayed' | 'provider_unavailable' | 'throttled' | 'redirect' | 'local';
export type RefreshOutcome = 'rotated' | 'grace' | 'reused' | 'expired' | 'revoked' | 'invalid';

/**
 * Security-relevant counters that the sign-in flows report (through FlowOutcomes). Label values are fixed enums: never user ids
 * or emails. Dashboards and alerts use these names: do not rename them.
 */
@Injectable()
export class AuthMetrics {
  private readonly logins: Counter<'outcome'>;
  private readonly refreshes: Counter<'outcome'>;
  private readonly proofs: Counter<'purpose' | 'method' | 'outcome'>;
  private readonly ssoLogins: Counter<'outcome'>;
  private readonly ssoLogouts: Counter<'channel' | 'outcome'>;

  constructor({ registry }: MetricsRegistry) {
    this.logins = new Counter({ name: 'identsphere_logins_total', help: 'Login attempts by outcome', labelNames: ['outcome'], registers: [registry] });
    this.refreshes = new Counter({ name: 'identsphere_refreshes_total', help: 'Refresh attempts by outcome', labelNames: ['outcome'], registers: [registry] });
    this.proofs = new Counter({
      name: 'identsphere_auth_proofs_total',
      help: 'Second-factor (purpose=mfa) and step-up (purpose=step_up) proofs by method and outcome',
      labelNames: ['purpose', 'method', 'outcome'],
      registers: [registry],
    });
    this.ssoLogins = new Counter({ name: 'identsphere_sso_logins_total', help: 'SSO (OpenID Connect) logins by outcome', labelNames: ['outcome'], registers: [registry] });
    this.ssoLogouts = new Counter({ name: 'identsphere_sso_logouts_total', help: 'SSO logouts by channel (backchannel, rp_initiated) and outcome', labelNames: ['channel', 'outcome'], registers: [registry] });
  }

  login(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  ssoLogin(outcome: SsoLoginOutcome): void {
    this.ssoLogins.inc({ outcome });
  }

  ssoLogout(channel: SsoLogoutChannel, outcome: SsoLogoutOutcome): void {
    this.ssoLogouts.inc({ channel, outcome });
  }

  /** `method` is a registered strategy id (a fixed set), never client input that was not matched. */
  proof(purpose: ProofPurpose, method: string, outcome: ProofOutcome): void {
    this.proofs.inc({ purpose, method, outcome });
  }
}
