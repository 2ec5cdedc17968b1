import type { FlowCount } from './flow-count';
import type { FlowEvent } from './flow-event';
import type { FlowMail } from './flow-mail';

/**
 * What a flow says happened: an audit row, a mail, a metric. Flows return or record these and
 * FlowOutcomes fans them out; no flow talks to AuditLog, Mailer or the metrics itself.
 */
export type FlowOutcome = FlowEvent | FlowMail | FlowCount;

export { counted } from './flow-count';
export type { FlowCount, MetricCount } from './flow-count';
export { adminEvent, factorRemoved, flowEvent, loginFailed, loginSucceeded, mfaEnabled } from './flow-event';
export type { FlowEvent } from './flow-event';
export { mailOwner, mailTo } from './flow-mail';
export type { FlowMail, Notice } from './flow-mail';
export type { LoginOutcome, ProofOutcome, ProofPurpose, RefreshOutcome } from '../auth-metrics';
