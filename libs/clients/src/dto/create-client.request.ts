import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { CLIENT_SCOPES, ClientScope } from '../machine-client';

@ApiSchema({ name: 'CreateClientRequest' })
export class CreateClientDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'What the client is, for humans (not unique)', example: 'billing-service' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...CLIENT_SCOPES], example: 'admin' },
    minItems: 1,
    maxItems: CLIENT_SCOPES.length,
    uniqueItems: true,
    description: '`admin`: call the admin API; `introspect`: call POST /oauth/introspect',
    example: ['introspect'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CLIENT_SCOPES.length)
  @ArrayUnique()
  @IsIn(CLIENT_SCOPES, { each: true })
  scopes: ClientScope[];
}
