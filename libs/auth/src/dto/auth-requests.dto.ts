import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { EXAMPLE_REFRESH_TOKEN, NEW_PASSWORD_EXTENSION, REFRESH_TOKEN_PATTERN } from '@identsphere/common';
import { PASSWORD_MAX_LENGTH } from '@identsphere/crypto';
import { IsAccountEmail } from '@identsphere/users';

/** A password field: a string of any content; the policy (weak_password) judges it, not the validator. */
const IsPasswordInput = () => IsString();

export const EMAIL_DOC = { format: 'email', maxLength: 254, description: 'Trimmed, NFKC-normalised and lower-cased before use', example: 'ada@example.com' } as const;
const PASSWORD_DOC = { maxLength: PASSWORD_MAX_LENGTH, description: 'The current password', example: 'a long passphrase nobody guesses' } as const;
export const NEW_PASSWORD_DOC = {
  maxLength: PASSWORD_MAX_LENGTH,
  description: 'Counted in Unicode code points after NFKC; at least IDENTSPHERE_PASSWORD_MIN_LENGTH; judged by the password policy (400 weak_password)',
  example: 'velvet-orbit-canyon-lantern-42',
  [NEW_PASSWORD_EXTENSION]: true,
} as const;
const DISPLAY_NAME_DOC = { type: String, nullable: true, maxLength: 100, example: 'Ada Lovelace' } as const;

@ApiSchema({ name: 'SignupRequest' })
export class SignupDto {
  @ApiProperty(EMAIL_DOC) @IsAccountEmail() email: string;
  @ApiProperty(NEW_PASSWORD_DOC) @IsPasswordInput() password: string;
  @ApiPropertyOptional(DISPLAY_NAME_DOC)
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  displayName?: string | null;
}

@ApiSchema({ name: 'LoginRequest' })
export class LoginDto {
  @ApiProperty(EMAIL_DOC) @IsAccountEmail() email: string;
  @ApiProperty({ ...PASSWORD_DOC, description: 'Longer than 256 code points is never right: 401 invalid_credentials without hashing' })
  @IsPasswordInput()
  password: string;
}

@ApiSchema({ name: 'RefreshRequest', description: 'Bearer mode (X-Auth-Mode: bearer) only; in cookie mode send no body' })
export class RefreshTokenDto {
  @ApiProperty({ pattern: REFRESH_TOKEN_PATTERN, maxLength: 200, description: 'The refresh token of the last login-like answer; refresh answers 401 unauthorized to anything else, logout ignores it', example: EXAMPLE_REFRESH_TOKEN })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

@ApiSchema({ name: 'ChangePasswordRequest' })
export class ChangePasswordDto {
  @ApiProperty(PASSWORD_DOC) @IsPasswordInput() currentPassword: string;
  @ApiProperty(NEW_PASSWORD_DOC) @IsPasswordInput() newPassword: string;
}

@ApiSchema({ name: 'DeleteAccountRequest' })
export class DeleteMeDto {
  @ApiProperty(PASSWORD_DOC) @IsPasswordInput() password: string;
}
