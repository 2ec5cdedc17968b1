import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE_REFRESH_TOKEN, REFRESH_TOKEN_PATTERN } from '@identsphere/common';
import { toUserResponse, User, UserResponse } from '@identsphere/users';
import type { MfaPending } from '../flows/login.flow';
import { MFA_TOKEN_PATTERN } from '../flows/mfa-challenges';
import type { SignedIn } from '../flows/session-issuer';
import type { SteppedUp } from '../flows/step-up.flow';

const SECOND_FACTOR_METHODS = ['totp', 'recovery_code', 'webauthn'];
const EXAMPLE_MFA_TOKEN = 'Jq3vXbq0s5yY1m2x7H0cV9kLrT4pWn8eZa6dQf2uGhM';

const EXAMPLE_ACCESS_TOKEN = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImsxIn0.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

/** Cookie mode (the default): the refresh token travels only in the HttpOnly cookie, never in the body. */
@ApiSchema({ name: 'LoginResponse', description: 'Cookie mode: the refresh token is set as an HttpOnly cookie, never in the body' })
export class LoginResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ description: 'JWT (typ at+jwt) for `Authorization: Bearer`', example: EXAMPLE_ACCESS_TOKEN }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Access token lifetime in seconds', example: 900 }) expiresIn: number;
  @ApiProperty({ format: 'uuid', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) sessionId: string;
  @ApiProperty({ type: 'integer', minimum: 0, required: false, description: 'Only when POST /v1/auth/mfa/verify was completed with a recovery code: how many unused recovery codes remain', example: 9 })
  recoveryCodesRemaining?: number;
}

/** Bearer mode (`X-Auth-Mode: bearer`): the refresh token is in the body and no cookie is set. */
@ApiSchema({ name: 'BearerLoginResponse', description: 'Bearer mode (X-Auth-Mode: bearer): the refresh token is in the body; no cookie is set' })
export class BearerLoginResponse extends LoginResponse {
  @ApiProperty({ pattern: REFRESH_TOKEN_PATTERN, description: 'Send it to refresh or logout; each refresh returns a new one', example: EXAMPLE_REFRESH_TOKEN })
  refreshToken: string;
}

/** Signup when IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true: the account exists, but no session until the email is confirmed. */
@ApiSchema({ name: 'SignupPendingVerificationResponse', description: 'IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true: no session, no token, no cookie; the verification mail is sent' })
export class SignupPendingVerificationResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export const toSignupPendingVerificationResponse = (user: User): SignupPendingVerificationResponse => ({ user: toUserResponse(user) });

export const toLoginResponse = (signedIn: SignedIn, includeRefreshToken: boolean): LoginResponse | BearerLoginResponse => ({
  user: toUserResponse(signedIn.user, signedIn.mfaMethods),
  accessToken: signedIn.accessToken,
  tokenType: 'Bearer',
  expiresIn: signedIn.expiresIn,
  sessionId: signedIn.session.id,
  ...(signedIn.recoveryCodesRemaining === undefined ? {} : { recoveryCodesRemaining: signedIn.recoveryCodesRemaining }),
  ...(includeRefreshToken ? { refreshToken: signedIn.refreshToken } : {}),
});

/** A correct password on an account with a second factor: no session and no cookie until POST /v1/auth/mfa/verify. */
@ApiSchema({ name: 'MfaRequiredResponse', description: 'The password was right and the account has a second factor: finish with POST /v1/auth/mfa/verify' })
export class MfaRequiredResponse {
  @ApiProperty({ enum: [true], example: true }) mfaRequired: true;
  @ApiProperty({ pattern: MFA_TOKEN_PATTERN, description: 'Opaque, single use, valid 5 minutes; dies after 5 wrong codes', example: EXAMPLE_MFA_TOKEN }) mfaToken: string;
  @ApiProperty({ type: [String], items: { type: 'string', enum: SECOND_FACTOR_METHODS }, description: 'The second factors this account can use', example: ['totp', 'recovery_code'] })
  methods: string[];
}

export const toMfaRequiredResponse = (pending: MfaPending): MfaRequiredResponse => ({ mfaRequired: true, mfaToken: pending.mfaToken, methods: [...pending.methods] });

/** A step-up: a fresh access token for the same session; the refresh token does not change. */
@ApiSchema({ name: 'StepUpResponse', description: 'A fresh access token with a new auth_time (and acr); the session and its refresh token stay' })
export class StepUpResponse {
  @ApiProperty({ description: 'JWT (typ at+jwt) for `Authorization: Bearer`', example: EXAMPLE_ACCESS_TOKEN }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Access token lifetime in seconds', example: 900 }) expiresIn: number;
  @ApiProperty({ format: 'uuid', example: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84' }) sessionId: string;
  @ApiProperty({ enum: ['pwd', 'mfa', 'enrol'], description: 'The assurance the token now carries (its `acr` claim)', example: 'mfa' }) acr: string;
  @ApiProperty({ type: 'integer', minimum: 0, required: false, description: 'Only when the step-up used a recovery code: how many unused recovery codes remain', example: 9 })
  recoveryCodesRemaining?: number;
}

export const toStepUpResponse = (steppedUp: SteppedUp): StepUpResponse => ({
  accessToken: steppedUp.accessToken,
  tokenType: 'Bearer',
  expiresIn: steppedUp.expiresIn,
  sessionId: steppedUp.session.id,
  acr: steppedUp.session.acr,
  ...(steppedUp.recoveryCodesRemaining === undefined ? {} : { recoveryCodesRemaining: steppedUp.recoveryCodesRemaining }),
});
