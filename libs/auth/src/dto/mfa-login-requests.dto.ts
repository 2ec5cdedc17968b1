import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@identsphere/crypto';
import { MFA_TOKEN_PATTERN } from '../flows/mfa-challenges';
import { AuthenticatePasskeyDto } from './passkey-requests.dto';

const SECOND_FACTOR_METHODS = ['totp', 'recovery_code', 'webauthn'];
const STEP_UP_METHODS = ['password', ...SECOND_FACTOR_METHODS];
const CODE_DOC = { maxLength: 64, description: 'method totp: the 6-digit code; method recovery_code: one unused recovery code', example: '492039' } as const;
// A plain reference (no description beside it), so the document points at the one AuthenticationResponseJSON schema.
const ASSERTION_DOC = { type: AuthenticatePasskeyDto } as const;

@ApiSchema({ name: 'MfaVerifyRequest', description: 'The second step of a login: the mfaToken and one proof (code or assertion, as the method needs)' })
export class MfaVerifyDto {
  @ApiProperty({ pattern: MFA_TOKEN_PATTERN, description: 'The mfaToken the login answered', example: 'Jq3vXbq0s5yY1m2x7H0cV9kLrT4pWn8eZa6dQf2uGhM' })
  @IsString()
  @Matches(new RegExp(MFA_TOKEN_PATTERN), { message: 'mfaToken must be the token a login answered' })
  mfaToken: string;
  @ApiProperty({ enum: SECOND_FACTOR_METHODS, example: 'totp' }) @IsIn(SECOND_FACTOR_METHODS) method: string;
  @ApiPropertyOptional(CODE_DOC) @IsOptional() @IsString() @MaxLength(64) code?: string;
  @ApiPropertyOptional(ASSERTION_DOC) @IsOptional() @ValidateNested() @Type(() => AuthenticatePasskeyDto) assertion?: AuthenticatePasskeyDto;
}

@ApiSchema({ name: 'StepUpRequest', description: 'Re-authentication in the current session: one method and its proof' })
export class StepUpDto {
  @ApiProperty({ enum: STEP_UP_METHODS, example: 'totp' }) @IsIn(STEP_UP_METHODS) method: string;
  @ApiPropertyOptional({ maxLength: PASSWORD_MAX_LENGTH, description: 'method password: the current password', example: 'a long passphrase nobody guesses' })
  @IsOptional()
  @IsString()
  password?: string;
  @ApiPropertyOptional(CODE_DOC) @IsOptional() @IsString() @MaxLength(64) code?: string;
  @ApiPropertyOptional(ASSERTION_DOC) @IsOptional() @ValidateNested() @Type(() => AuthenticatePasskeyDto) assertion?: AuthenticatePasskeyDto;
}
