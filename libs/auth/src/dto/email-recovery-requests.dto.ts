import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@identsphere/crypto';
import { IsAccountEmail } from '@identsphere/users';
import { EMAIL_DOC, NEW_PASSWORD_DOC } from './auth-requests.dto';

// Any string: a token that is not one of ours is 400 invalid_token (one code), not validation_failed.
const TOKEN_DOC = { description: 'The token from the link in the mail', example: 'Jk3v9QeX2m0bYt7LwP4sRz1aN8cD6fGhUoIyTrEq5Ws' } as const;

@ApiSchema({ name: 'OneTimeTokenRequest' })
export class OneTimeTokenDto {
  @ApiProperty(TOKEN_DOC) @IsString() token: string;
}

@ApiSchema({ name: 'ForgotPasswordRequest' })
export class ForgotPasswordDto {
  @ApiProperty(EMAIL_DOC) @IsAccountEmail() email: string;
}

@ApiSchema({ name: 'ResetPasswordRequest' })
export class ResetPasswordDto {
  @ApiProperty(TOKEN_DOC) @IsString() token: string;
  @ApiProperty(NEW_PASSWORD_DOC) @IsString() newPassword: string;
}

@ApiSchema({ name: 'EmailChangeRequest' })
export class RequestEmailChangeDto {
  @ApiProperty({ ...EMAIL_DOC, example: 'ada.new@example.com' }) @IsAccountEmail() newEmail: string;
  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, description: 'The current password, to confirm it is the account owner', example: 'a long passphrase nobody guesses' })
  @IsString()
  password: string;
}
