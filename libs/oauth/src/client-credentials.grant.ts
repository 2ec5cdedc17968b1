import { Injectable } from '@nestjs/common';
import { isClientScope, MachineClient } from '@identsphere/clients';
import { AccessTokenService } from '@identsphere/tokens';
import type { TokenResponse } from './dto/oauth-responses.dto';
import { OAuthErrors } from './oauth-error';

/** RFC 6749 §4.4: an authenticated client gets an access token for a subset of its own scopes. */
@Injectable()
export class ClientCredentialsGrant {
  constructor(private readonly accessTokens: AccessTokenService) {}

  async issue(client: MachineClient, grantType: string, requestedScope: string | undefined): Promise<TokenResponse> {
    if (grantType !== 'client_credentials') throw OAuthErrors.unsupportedGrantType();
    const scopes = grantedScopes(client, requestedScope);
    const { accessToken, expiresIn } = await this.accessTokens.issueForClient({ clientId: client.id, scopes });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') };
  }
}

/** The requested scopes (all of the client's when none were asked for); anything beyond them is invalid_scope. */
export function grantedScopes(client: MachineClient, requested: string | undefined): string[] {
  if (requested === undefined) return [...client.scopes];
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  if (asked.length === 0 || asked.some((scope) => !isClientScope(scope) || !client.scopes.includes(scope))) throw OAuthErrors.invalidScope();
  return asked;
}
