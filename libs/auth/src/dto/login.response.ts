import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toUserResponse, UserResponse } from '@identsphere/users';
import type { SignedIn } from '../flows/session-issuer';

export class LoginResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiPropertyOptional({ description: 'Bearer mode only; in cookie mode it is set as an HttpOnly cookie instead' })
  refreshToken?: string;
}

export const toLoginResponse = (signedIn: SignedIn, includeRefreshToken: boolean): LoginResponse => ({
  user: toUserResponse(signedIn.user),
  accessToken: signedIn.accessToken,
  tokenType: 'Bearer',
  expiresIn: signedIn.expiresIn,
  sessionId: signedIn.session.id,
  ...(includeRefreshToken ? { refreshToken: signedIn.refreshToken } : {}),
});
