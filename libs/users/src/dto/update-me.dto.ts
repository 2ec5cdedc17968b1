import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';

@ApiSchema({ name: 'UpdateMeRequest' })
export class UpdateMeDto {
  @ApiProperty({ type: String, nullable: true, maxLength: 100, description: 'null clears it', example: 'Ada Lovelace' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  displayName: string | null;
}
