import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { IdentityProvider } from '@identsphere/identities';

const DATE_EXAMPLE = '2026-01-15T09:30:00.000Z';

@ApiSchema({ name: 'IdentityProviderClaimMapping' })
export class IdentityProviderClaimMappingResponse {
  @ApiProperty({ example: 'email' }) email: string;
  @ApiProperty({ example: 'name' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'groups' }) groups: string | null;
}

@ApiSchema({ name: 'IdentityProvider' })
export class IdentityProviderResponse {
  @ApiProperty({ example: 'acme-entra' }) id: string;
  @ApiProperty({ example: 'Acme (Entra ID)' }) name: string;
  @ApiProperty({ example: 'https://login.microsoftonline.com/5f2b9c1e-0d4a-4e8b-9a67-3c2d1e0f4a5b/v2.0' }) issuer: string;
  @ApiProperty({ example: '0f3c9a52-7d1e-4b8a-a6f4-2e9d8c7b6a51' }) clientId: string;
  @ApiProperty({ enum: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'], example: 'client_secret_basic' }) authMethod: IdentityProvider['authMethod'];
  @ApiProperty({ description: 'Whether a client secret is stored (it is never shown)', example: true }) hasClientSecret: boolean;
  @ApiProperty({ type: [String], example: ['openid', 'email', 'profile'] }) scopes: string[];
  @ApiProperty({ type: [String], example: ['acme.com'] }) domains: string[];
  @ApiProperty({ example: false }) enforceSso: boolean;
  @ApiProperty({ type: IdentityProviderClaimMappingResponse }) claims: IdentityProviderClaimMappingResponse;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, example: { 'idp-admins': ['admin'] } })
  roleMapping: Record<string, string[]>;
  @ApiProperty({ enum: ['api', 'env'], description: '`env`: seeded from IDENTSPHERE_OIDC_PROVIDERS and read-only here (409 `identity_provider_managed_by_env`)', example: 'api' })
  managedBy: 'api' | 'env';
  @ApiProperty({ description: 'The redirect URI to register at the provider', example: 'https://auth.example.com/v1/auth/sso/callback' }) redirectUri: string;
  @ApiProperty({ format: 'date-time', example: DATE_EXAMPLE }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: DATE_EXAMPLE }) updatedAt: string;
}

@ApiSchema({ name: 'IdentityProviderList' })
export class IdentityProviderListResponse {
  @ApiProperty({ type: [IdentityProviderResponse] }) items: IdentityProviderResponse[];
}

/** Never the secret: only whether there is one (every method but private_key_jwt requires it). */
export const toIdentityProviderResponse = (p: IdentityProvider, redirectUri: string): IdentityProviderResponse => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  authMethod: p.authMethod,
  hasClientSecret: p.authMethod !== 'private_key_jwt',
  scopes: [...p.scopes],
  domains: [...p.domains],
  enforceSso: p.enforceSso,
  claims: { ...p.claims },
  roleMapping: Object.fromEntries(Object.entries(p.roleMapping).map(([group, roles]) => [group, [...roles]])),
  managedBy: p.managedBy,
  redirectUri,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
