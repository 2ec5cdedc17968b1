import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsAccountEmail } from '@identsphere/users';

// Any string: a token that is not one of ours is 400 invalid_token (one code), not validation_failed.
const TOKEN_DOC = { description: 'The token from the link in the mail' };

export class OneTimeTokenDto {
  @ApiProperty(TOKEN_DOC) @IsString() token: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ format: 'email' }) @IsAccountEmail() email: string;
}

export class ResetPasswordDto {
  @ApiProperty(TOKEN_DOC) @IsString() token: string;
  @ApiProperty({ minLength: 15, maxLength: 256, description: 'Counted in Unicode code points after NFKC' }) @IsString() newPassword: string;
}

export class RequestEmailChangeDto {
  @ApiProperty({ format: 'email' }) @IsAccountEmail() newEmail: string;
  @ApiProperty({ description: 'The current password, to confirm it is the account owner' }) @IsString() password: string;
}
