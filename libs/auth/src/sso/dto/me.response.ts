import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserResponse } from '@identsphere/users';

@ApiSchema({ name: 'LinkedIdentity', description: 'An identity-provider account that signs in to this account' })
export class LinkedIdentityResponse {
  @ApiProperty({ description: 'The identity provider id', example: 'acme' }) providerId: string;
  @ApiProperty({ format: 'email', description: 'The email the provider asserted when the identity was linked', example: 'ada@acme.com' }) email: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) linkedAt: string;
}

@ApiSchema({ name: 'Me', description: 'The signed-in user, with the provider identities linked to the account' })
export class MeResponse extends UserResponse {
  @ApiProperty({ type: [LinkedIdentityResponse], description: 'Empty for an account that never signed in with SSO' }) identities: LinkedIdentityResponse[];
}
