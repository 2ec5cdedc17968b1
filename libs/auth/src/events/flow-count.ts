import type { MailDropReason } from '@identsphere/mail';
import type { LoginOutcome, ProofOutcome, ProofPurpose, RefreshOutcome, SsoLoginOutcome, SsoLogoutChannel, SsoLogoutOutcome } from '../auth-metrics';

/** One increment of a counter; label values are fixed enums, never user ids or emails. */
export type MetricCount =
  | { readonly metric: 'login'; readonly outcome: LoginOutcome }
  | { readonly metric: 'refresh'; readonly outcome: RefreshOutcome }
  | { readonly metric: 'proof'; readonly purpose: ProofPurpose; readonly method: string; readonly outcome: ProofOutcome }
  | { readonly metric: 'mail_dropped'; readonly reason: MailDropReason }
  | { readonly metric: 'sso_login'; readonly outcome: SsoLoginOutcome }
  | { readonly metric: 'sso_logout'; readonly channel: SsoLogoutChannel; readonly outcome: SsoLogoutOutcome };

/** A metric a flow reports; counted once the flow's transaction commits (never for a rolled-back change). */
export interface FlowCount {
  readonly channel: 'metric';
  readonly count: MetricCount;
}

function flowCount(count: MetricCount): FlowCount {
  return { channel: 'metric', count };
}

export const counted = {
  login: (outcome: LoginOutcome): FlowCount => flowCount({ metric: 'login', outcome }),
  refresh: (outcome: RefreshOutcome): FlowCount => flowCount({ metric: 'refresh', outcome }),
  /** `method` is a registered strategy id (a fixed set), never client input that was not matched. */
  proof: (purpose: ProofPurpose, method: string, outcome: ProofOutcome): FlowCount => flowCount({ metric: 'proof', purpose, method, outcome }),
  /** A requested mail deliberately not queued (e.g. the recipient's budget is spent): no outbox row tells of it. */
  mailDropped: (reason: MailDropReason): FlowCount => flowCount({ metric: 'mail_dropped', reason }),
  ssoLogin: (outcome: SsoLoginOutcome): FlowCount => flowCount({ metric: 'sso_login', outcome }),
  ssoLogout: (channel: SsoLogoutChannel, outcome: SsoLogoutOutcome): FlowCount => flowCount({ metric: 'sso_logout', channel, outcome }),
};
