import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, headerRef, Public, RESPONSE_HEADERS } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { ClientAssertionKey } from '@identsphere/crypto';
import { DiscoveryResponse, JwksResponse } from './dto/well-known.response';
import { KeyRing } from './jwt/key-ring';

/** How a machine client authenticates at the /oauth endpoints (RFC 6749 §2.3.1). */
const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;

@ApiTags('tokens')
@Public()
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly keys: KeyRing,
    private readonly config: AppConfig,
    private readonly assertionKey: ClientAssertionKey,
  ) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getJwks', summary: 'Public keys for verifying access tokens (current and still-valid previous), and the key our SSO client assertions (private_key_jwt) are signed with' })
  @ApiOkResponse({ type: JwksResponse, headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlPublic) } })
  @ApiProblems('unavailable')
  async getJwks(): Promise<JwksResponse> {
    await this.keys.signingKey();
    // The assertion key has its own kid and is not in the KeyRing, so no access token signed with it verifies here.
    return { keys: [...this.keys.publicJwks(), this.assertionKey.publicJwk()] };
  }

  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getDiscovery', summary: 'Discovery document for JWT middleware pointed at the issuer' })
  @ApiOkResponse({ type: DiscoveryResponse, headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlPublic) } })
  getDiscovery(): DiscoveryResponse {
    const base = this.config.http.publicBaseUrl;
    return {
      issuer: this.config.tokens.issuer,
      jwks_uri: `${base}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: [this.config.tokens.algorithm],
      // The OAuth endpoints of machine clients and resource servers (libs/oauth); SPAs refresh at /v1/auth/refresh.
      token_endpoint: `${base}/oauth/token`,
      introspection_endpoint: `${base}/oauth/introspect`,
      revocation_endpoint: `${base}/oauth/revoke`,
      userinfo_endpoint: `${base}/v1/me`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      introspection_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      grant_types_supported: ['client_credentials'],
    };
  }
}
