import { OidcClients } from './oidc-clients';
import { SsoLoginsRepository } from './persistence/sso-logins.repository';
import { ReturnToPolicy } from './return-to-policy';
import { SsoAccounts } from './sso-accounts';
import { SsoAssertions } from './sso-assertions';
import { SsoBrowserCookie } from './sso-browser-cookie';
import { SsoCallbackFlow } from './sso-callback.flow';
import { SsoExchangeFlow } from './sso-exchange.flow';
import { SsoLinkFlow } from './sso-link.flow';
import { SsoOutcomes } from './sso-outcomes';
import { SsoPolicy } from './sso-policy';
import { SsoSessions } from './sso-sessions';
import { SsoStartFlow } from './sso-start.flow';

/** Single sign-on with OpenID Connect providers (libs/identities holds the providers and linked identities). */
export const SSO_PROVIDERS = [
  OidcClients,
  SsoLoginsRepository,
  ReturnToPolicy,
  SsoBrowserCookie,
  SsoOutcomes,
  SsoAssertions,
  SsoAccounts,
  SsoSessions,
  SsoStartFlow,
  SsoCallbackFlow,
  SsoExchangeFlow,
  SsoLinkFlow,
  SsoPolicy,
];
