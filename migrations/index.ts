import { CoreSchema1764400000000 } from './1764400000000-core-schema';
import { Throttling1764410000000 } from './1764410000000-throttling';
import { SecurityEvents1764410000001 } from './1764410000001-security-events';
import { OneTimeTokens1764420000000 } from './1764420000000-one-time-tokens';
import { MailOutbox1764420000001 } from './1764420000001-mail-outbox';
import { EmailChangeSession1764430000000 } from './1764430000000-email-change-session';
import { MfaChallenges1764440000000 } from './1764440000000-mfa-challenges';
import { Factors1764440000001 } from './1764440000001-factors';
import { Passkeys1764440000002 } from './1764440000002-passkeys';
import { AuditActor1764450000000 } from './1764450000000-audit-actor';
import { AccountDisabledUntil1764450000001 } from './1764450000001-account-disabled-until';
import { MachineClients1764451000000 } from './1764451000000-machine-clients';
import { Webhooks1764452000000 } from './1764452000000-webhooks';
import { IdentityProviders1764460000000 } from './1764460000000-identity-providers';
import { SessionIdp1764460000001 } from './1764460000001-session-idp';
import { SsoLogins1764460000002 } from './1764460000002-sso-logins';
import { SsoLogoutTokens1764460000003 } from './1764460000003-sso-logout-tokens';
import { SessionLivenessNotify1764470000100 } from './1764470000100-session-liveness-notify';

/** Every migration in order. Never edit one after it has landed; add a new one (one line here, one in the list). */
export const ALL_MIGRATIONS = [
  CoreSchema1764400000000,
  Throttling1764410000000,
  SecurityEvents1764410000001,
  OneTimeTokens1764420000000,
  MailOutbox1764420000001,
  EmailChangeSession1764430000000,
  MfaChallenges1764440000000,
  Factors1764440000001,
  Passkeys1764440000002,
  AuditActor1764450000000,
  AccountDisabledUntil1764450000001,
  MachineClients1764451000000,
  Webhooks1764452000000,
  IdentityProviders1764460000000,
  SessionIdp1764460000001,
  SsoLogins1764460000002,
  SsoLogoutTokens1764460000003,
  SessionLivenessNotify1764470000100,
];
