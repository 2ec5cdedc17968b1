import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@identsphere/crypto';
import { IsAccountEmail } from '@identsphere/users';

const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** base64url of 32 bytes: S256 challenges and our one-time codes. */
const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 code_verifier: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export class SsoStartQuery {
  @ApiPropertyOptional({ pattern: PROVIDER_ID.source, description: 'The identity provider id (or give `email`)', example: 'acme' })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_ID)
  provider?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Home-realm discovery: the provider that owns this domain (also sent as login_hint)', example: 'ada@acme.com' })
  @IsOptional()
  @IsAccountEmail()
  email?: string;

  @ApiProperty({ format: 'uri', maxLength: 2048, description: 'Where the browser returns: a URL on an origin of IDENTSPHERE_CORS_ORIGINS', example: 'https://app.example.com/after-sso' })
  @IsString()
  @MaxLength(2048)
  returnTo: string;

  @ApiPropertyOptional({ enum: ['cookie', 'bearer'], default: 'cookie', description: '`bearer`: returnTo gets a one-time `code` for POST /v1/auth/sso/exchange instead of a refresh cookie', example: 'cookie' })
  @IsOptional()
  @IsIn(['cookie', 'bearer'])
  mode?: 'cookie' | 'bearer';

  @ApiPropertyOptional({ pattern: BASE64URL_43.source, description: 'Bearer mode (required there): BASE64URL(SHA-256(codeVerifier))', example: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' })
  @ValidateIf((query: SsoStartQuery) => query.mode === 'bearer' || query.codeChallenge !== undefined)
  @IsString()
  @Matches(BASE64URL_43)
  codeChallenge?: string;
}

@ApiSchema({ name: 'SsoExchangeRequest', description: 'The one-time code from returnTo (bearer mode) and the PKCE verifier of the codeChallenge given at start' })
export class SsoExchangeDto {
  @ApiProperty({ pattern: BASE64URL_43.source, description: 'The `code` query parameter of returnTo; single use, valid 2 minutes', example: 'Jq3vXbq0s5yY1m2x7H0cV9kLrT4pWn8eZa6dQf2uGhM' })
  @IsString()
  @Matches(BASE64URL_43)
  code: string;

  @ApiProperty({ pattern: CODE_VERIFIER.source, description: 'RFC 7636 code_verifier', example: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' })
  @IsString()
  @Matches(CODE_VERIFIER)
  codeVerifier: string;
}

@ApiSchema({ name: 'SsoLinkRequest', description: 'Link the identity of a refused SSO login to your account by proving its password (and second factor, if it has one)' })
export class SsoLinkDto {
  @ApiProperty({ pattern: BASE64URL_43.source, description: 'The `linkToken` query parameter of returnTo (error=account_exists_link_required); single use, valid 10 minutes', example: 'Jq3vXbq0s5yY1m2x7H0cV9kLrT4pWn8eZa6dQf2uGhM' })
  @IsString()
  @Matches(BASE64URL_43)
  linkToken: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, description: 'The password of the account', example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ enum: ['totp', 'recovery_code'], description: 'Required when the account has a second factor', example: 'totp' })
  @IsOptional()
  @IsIn(['totp', 'recovery_code'])
  method?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'The authenticator or recovery code', example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;
}
