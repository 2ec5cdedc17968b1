import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IDENTITY_PROVIDER_ID_PATTERN } from '@identsphere/config';
import { AUTH_METHODS, ProviderAuthMethod } from '@identsphere/identities';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

// The domain rules (issuer scheme and host, openid in scopes, domain names, role names) are checked by
// libs/identities for the API and the environment alike; these decorators state types and sizes.

@ApiSchema({ name: 'IdentityProviderClaims' })
export class IdentityProviderClaimsDto {
  @ApiPropertyOptional({ maxLength: 128, description: 'The claim carrying the email address (default `email`)', example: 'email' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  email?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'The claim carrying the display name (default `name`)', example: 'name' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 128, description: 'The claim carrying group values for `roleMapping`; null (default): none', example: 'groups' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(128)
  groups?: string | null;
}

@ApiSchema({ name: 'CreateIdentityProviderRequest' })
export class CreateIdentityProviderDto {
  @ApiProperty({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Chosen by the operator; used in `?provider=` and audit events; cannot change', example: 'acme-entra' })
  @IsString()
  @Matches(IDENTITY_PROVIDER_ID_PATTERN)
  id: string;

  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Shown to users (e.g. on a "Sign in with …" button)', example: 'Acme (Entra ID)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({
    maxLength: 2048,
    description: 'The issuer identifier, exactly as the provider\'s ID tokens carry it in `iss`; discovery reads `<issuer>/.well-known/openid-configuration` at the first login. https (http only on a loopback host outside production); no query or fragment',
    example: 'https://login.microsoftonline.com/5f2b9c1e-0d4a-4e8b-9a67-3c2d1e0f4a5b/v2.0',
  })
  @IsString()
  @MaxLength(2048)
  issuer: string;

  @ApiProperty({ maxLength: 255, description: 'Our client id at the provider', example: '0f3c9a52-7d1e-4b8a-a6f4-2e9d8c7b6a51' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  clientId: string;

  @ApiPropertyOptional({ maxLength: 1024, writeOnly: true, description: 'Our client secret at the provider: stored sealed, never shown again. Required on create, except with `private_key_jwt` (then it must be absent); on PUT, leave it out to keep the stored one', example: 'qZ8~s.example-secret-from-the-provider' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  clientSecret?: string;

  @ApiPropertyOptional({ enum: AUTH_METHODS, description: 'How we authenticate at the token endpoint (default `client_secret_basic`). `private_key_jwt`: a client assertion signed with our key published at `/.well-known/jwks.json`; no clientSecret then', example: 'client_secret_basic' })
  @IsOptional()
  @IsIn(AUTH_METHODS)
  authMethod?: ProviderAuthMethod;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Requested scopes; must include `openid` (default `openid email profile`)', example: ['openid', 'email', 'profile'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'The email domains this provider owns (home-realm discovery, linking, `enforceSso`); lower-cased; each belongs to one provider at most (409 `domain_taken`)', example: ['acme.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  domains?: string[];

  @ApiPropertyOptional({ description: 'Require SSO for these domains: password login and signup answer 403 `sso_required` (default false)', example: false })
  @IsOptional()
  @IsBoolean()
  enforceSso?: boolean;

  @ApiPropertyOptional({ type: IdentityProviderClaimsDto, description: 'Which claims carry the email, the name and the groups', example: { groups: 'groups' } })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdentityProviderClaimsDto)
  claims?: IdentityProviderClaimsDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Group value → our roles, applied at each SSO login (at most 100 groups, 32 roles each, role names as in `SetRolesRequest`)',
    example: { 'idp-admins': ['admin'], support: ['support'] },
  })
  @IsOptional()
  @IsObject()
  roleMapping?: Record<string, string[]>;
}

@ApiSchema({ name: 'UpdateIdentityProviderRequest' })
export class UpdateIdentityProviderDto extends OmitType(CreateIdentityProviderDto, ['id'] as const) {}
