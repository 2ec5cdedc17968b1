import { BackchannelLogoutFlow } from './backchannel-logout.flow';
import { EndSessionUrl } from './end-session-url';
import { LogoutTokenVerifier } from './logout-token-verifier';
import { LogoutTokenReplayRepository } from './persistence/logout-token-replay.repository';
import { SsoLogoutFlow } from './sso-logout.flow';

/** SSO logout: back-channel logout from providers, and RP-initiated logout at them. */
export const SSO_LOGOUT_PROVIDERS = [LogoutTokenVerifier, LogoutTokenReplayRepository, BackchannelLogoutFlow, EndSessionUrl, SsoLogoutFlow];
