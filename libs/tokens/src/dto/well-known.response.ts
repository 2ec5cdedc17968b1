import { ApiProperty, ApiSchema } from '@nestjs/swagger';

const EXAMPLE_JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'k1', alg: 'ES256', use: 'sig' };

@ApiSchema({ name: 'Jwks', description: 'RFC 7517 key set; empty with IDENTSPHERE_JWT_ALG=HS256' })
export class JwksResponse {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Public JWKs (kid, kty, alg, use and the key parameters)', example: [EXAMPLE_JWK] })
  keys: Record<string, unknown>[];
}

const BASE = 'https://auth.example.com';

@ApiSchema({ name: 'Discovery', description: 'OpenID-style discovery metadata for JWT middleware pointed at the issuer' })
export class DiscoveryResponse {
  @ApiProperty({ example: BASE }) issuer: string;
  @ApiProperty({ example: `${BASE}/.well-known/jwks.json` }) jwks_uri: string;
  @ApiProperty({ type: [String], example: ['ES256'] }) id_token_signing_alg_values_supported: string[];
  @ApiProperty({ description: 'Client credentials grant for machine clients (RFC 6749 §4.4)', example: `${BASE}/oauth/token` }) token_endpoint: string;
  @ApiProperty({ description: 'RFC 7662, for resource servers', example: `${BASE}/oauth/introspect` }) introspection_endpoint: string;
  @ApiProperty({ description: 'RFC 7009', example: `${BASE}/oauth/revoke` }) revocation_endpoint: string;
  @ApiProperty({ example: `${BASE}/v1/me` }) userinfo_endpoint: string;
  @ApiProperty({ type: [String], example: ['token'] }) response_types_supported: string[];
  @ApiProperty({ type: [String], example: ['public'] }) subject_types_supported: string[];
  @ApiProperty({ type: [String], example: ['client_secret_basic', 'client_secret_post'] }) token_endpoint_auth_methods_supported: string[];
  @ApiProperty({ type: [String], example: ['client_secret_basic', 'client_secret_post'] }) introspection_endpoint_auth_methods_supported: string[];
  @ApiProperty({ type: [String], example: ['client_secret_basic', 'client_secret_post'] }) revocation_endpoint_auth_methods_supported: string[];
  @ApiProperty({ type: [String], example: ['client_credentials'] }) grant_types_supported: string[];
}
