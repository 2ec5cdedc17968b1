import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EXAMPLE_REFRESH_TOKEN, headerRef, RESPONSE_HEADERS } from '@identsphere/common';
import { BearerLoginResponse, LoginResponse, MfaRequiredResponse, SignupPendingVerificationResponse } from '../dto/login.response';

/** `X-Auth-Mode: bearer` switches the refresh token from the cookie to the JSON body. */
export const ApiAuthModeHeader = () =>
  ApiHeader({ name: 'X-Auth-Mode', required: false, enum: ['bearer'], description: '`bearer`: the refresh token travels in the JSON body instead of a cookie (case-insensitive)' });

/** Cookie-authenticated requests must prove they come from the SPA. */
export const ApiCsrfHeader = () =>
  ApiHeader({ name: 'X-IdentSphere-CSRF', required: false, enum: ['1'], description: 'Required (`1`) when the refresh cookie authenticates the request; otherwise 403 csrf_failed' });

const EXAMPLE_USER = {
  id: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b',
  email: 'ada@example.com',
  emailVerified: false,
  displayName: 'Ada Lovelace',
  roles: [],
  mfaEnabled: false,
  mfaMethods: [],
  createdAt: '2026-01-15T09:30:00.000Z',
};
const EXAMPLE_MFA_REQUIRED = { mfaRequired: true, mfaToken: 'Jq3vXbq0s5yY1m2x7H0cV9kLrT4pWn8eZa6dQf2uGhM', methods: ['totp', 'recovery_code'] };
const EXAMPLE_COOKIE_MODE = {
  user: EXAMPLE_USER,
  accessToken: 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImsxIn0.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  tokenType: 'Bearer',
  expiresIn: 900,
  sessionId: '0b6f8f2e-5c1d-4e8a-9f3b-7a2c1d0e9f84',
};

/**
 * A login-like answer: cookie mode and bearer mode are separate schemas so generated clients get
 * `refreshToken` as a required string in bearer mode. Signup adds the answer without a session that
 * IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true gives.
 */
export function ApiLoginLikeResponse(status: 200 | 201, options: { pendingVerification?: boolean; setsDeviceCookie?: boolean; mfaRequired?: boolean; recoveryCode?: boolean } = {}) {
  const alternatives = [
    LoginResponse,
    BearerLoginResponse,
    ...(options.pendingVerification ? [SignupPendingVerificationResponse] : []),
    ...(options.mfaRequired ? [MfaRequiredResponse] : []),
  ];
  const examples = {
    cookieMode: { summary: 'Cookie mode: the refresh token is in Set-Cookie', value: EXAMPLE_COOKIE_MODE },
    bearerMode: { summary: 'Bearer mode (X-Auth-Mode: bearer)', value: { ...EXAMPLE_COOKIE_MODE, refreshToken: EXAMPLE_REFRESH_TOKEN } },
    ...(options.pendingVerification ? { pendingVerification: { summary: 'IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true: no session yet', value: { user: EXAMPLE_USER } } } : {}),
    ...(options.mfaRequired ? { mfaRequired: { summary: 'The account has a second factor: no session yet', value: EXAMPLE_MFA_REQUIRED } } : {}),
    ...(options.recoveryCode ? { recoveryCode: { summary: 'Completed with a recovery code: how many remain', value: { ...EXAMPLE_COOKIE_MODE, recoveryCodesRemaining: 9 } } } : {}),
  };
  return applyDecorators(
    ApiExtraModels(...alternatives),
    ApiResponse({
      status,
      description: [
        'Signed in. Cookie mode sets the refresh cookie; bearer mode returns the refresh token in the body.',
        ...(options.setsDeviceCookie ? ['Cookie mode also sets the HttpOnly anti-lockout device cookie (`identsphere_device`, `__Host-` with secure cookies).'] : []),
        ...(options.pendingVerification ? ['With IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true: only `{ user }`, no token and no cookie.'] : []),
        ...(options.mfaRequired ? ['An account with a second factor gets `{ mfaRequired: true, mfaToken, methods }` instead, with no session and no cookie.'] : []),
        ...(options.recoveryCode ? ['Completed with a recovery code, the answer also has `recoveryCodesRemaining`.'] : []),
      ].join(' '),
      headers: { 'Set-Cookie': headerRef(RESPONSE_HEADERS.setRefreshCookie), 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) },
      content: { 'application/json': { schema: { oneOf: alternatives.map((model) => ({ $ref: getSchemaPath(model) })) }, examples } },
    }),
  );
}

/** 204 that also expires the refresh cookie (cookie mode). */
export const ApiNoContentClearingCookie = (description: string) =>
  ApiResponse({ status: 204, description, headers: { 'Set-Cookie': headerRef(RESPONSE_HEADERS.clearRefreshCookie) } });
