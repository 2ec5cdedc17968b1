import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';

export class UpdateMeDto {
  @ApiProperty({ type: String, nullable: true, maxLength: 100 })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  displayName: string | null;
}
