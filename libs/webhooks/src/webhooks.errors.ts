import { DomainError } from '@identsphere/common';
import type { TargetRefusal } from './delivery/webhook-target-policy';

// Why, in words an operator can act on; the URL itself is never echoed back.
const REFUSAL_DETAIL: Record<TargetRefusal, string> = {
  invalid_url: 'is not an absolute URL',
  scheme: 'must use https (http is accepted only outside production)',
  credentials: 'must not carry a user name or password',
  unresolvable: 'has a host name that does not resolve',
  loopback: 'resolves to a loopback address',
  private: 'resolves to a private address',
  link_local: 'resolves to a link-local address',
  unique_local: 'resolves to a unique-local address',
  ipv4_mapped: 'resolves to an IPv4-mapped IPv6 address',
  reserved: 'resolves to a reserved or non-routable address',
  invalid: 'resolves to an invalid address',
  public: 'was refused',
};

export const WebhookErrors = {
  urlRefused: (reason: TargetRefusal) => new DomainError('webhook_url_refused', 'validation', `The webhook URL ${REFUSAL_DETAIL[reason]}.`),
  limitReached: (max: number) => new DomainError('webhook_limit_reached', 'conflict', `At most ${max} webhook endpoints can be configured; delete one first.`),
  notFound: () => new DomainError('not_found', 'not_found', 'No such webhook endpoint.'),
};
