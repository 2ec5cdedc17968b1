import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsAccountEmail } from '@identsphere/users';

/** A password field: a string of any content; the policy (weak_password) judges it, not the validator. */
const IsPasswordInput = () => IsString();

export class SignupDto {
  @ApiProperty({ format: 'email' }) @IsAccountEmail() email: string;
  @ApiProperty({ minLength: 15, maxLength: 256, description: 'Counted in Unicode code points after NFKC' }) @IsPasswordInput() password: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  displayName?: string | null;
}

export class LoginDto {
  @ApiProperty({ format: 'email' }) @IsAccountEmail() email: string;
  @ApiProperty() @IsPasswordInput() password: string;
}

export class RefreshTokenDto {
  @ApiPropertyOptional({ description: 'Bearer mode only (X-Auth-Mode: bearer); cookie mode sends no body' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsPasswordInput() currentPassword: string;
  @ApiProperty({ minLength: 15, maxLength: 256 }) @IsPasswordInput() newPassword: string;
}

export class DeleteMeDto {
  @ApiProperty() @IsPasswordInput() password: string;
}
