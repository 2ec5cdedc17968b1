/**
 * Every `code` a problem-details answer can carry, with its HTTP status and meaning. The OpenAPI
 * document's ProblemDetails.code enum and the code table of docs/api.md are built from this one list, and
 * a test scans the sources so that a code raised anywhere must be listed here: adding a code is one line.
 */
export const PROBLEM_CODES = {
  validation_failed: { status: 400, meaning: 'A field is missing, has the wrong type or breaks a rule; see `errors[]`.' },
  malformed_json: { status: 400, meaning: 'The body is not valid JSON.' },
  bad_request: { status: 400, meaning: 'The request could not be read (aborted, or its length did not match `Content-Length`).' },
  weak_password: { status: 400, meaning: 'The password breaks the password policy; `errors[0].rule` says which rule.' },
  invalid_token: { status: 400, meaning: 'A mailed token is malformed, unknown, used, expired or of another purpose.' },
  invalid_totp_code: { status: 400, meaning: 'The authenticator code confirming an enrolment is wrong or expired.' },
  method_not_available: { status: 400, meaning: 'The sign-in method is unknown or not set up for this account; the problem lists `methods` that are.' },
  webhook_url_refused: { status: 400, meaning: 'The webhook URL is not allowed: https only in production, no credentials in it, and its host must resolve to public addresses only (no loopback, private, link-local or other internal ones).' },
  passkey_invalid: { status: 400, meaning: 'The passkey registration could not be verified (unknown, used or expired challenge, wrong origin, bad attestation).' },
  invalid_return_to: { status: 400, meaning: 'The SSO `returnTo` is not on an allowed origin (IDENTSPHERE_CORS_ORIGINS): no open redirects.' },
  invalid_sso_state: { status: 400, meaning: 'The SSO callback\'s `state` is unknown, already used, expired or was started in another browser; start again.' },
  invalid_sso_link: { status: 400, meaning: 'The SSO `linkToken` is unknown, already used or expired; sign in with the provider again.' },
  invalid_sso_code: { status: 400, meaning: 'The SSO one-time code is unknown, already used or expired, or the `codeVerifier` does not match the `codeChallenge` given at start.' },
  invalid_logout_token: { status: 400, meaning: 'The back-channel `logout_token` was refused: not a valid logout token of a configured identity provider (signature, issuer, audience, age, events, sub/sid, nonce), a `jti` already seen, or the provider\'s keys could not be read.' },
  unauthorized: { status: 401, meaning: 'No valid access token (or metrics token, or refresh token) was presented.' },
  invalid_credentials: { status: 401, meaning: 'The email or password is wrong.' },
  session_expired: { status: 401, meaning: 'The session behind the refresh token has expired.' },
  session_revoked: { status: 401, meaning: 'The session behind the refresh token was revoked.' },
  refresh_token_reused: { status: 401, meaning: 'An already rotated refresh token was presented; the session is now revoked.' },
  invalid_mfa_token: { status: 401, meaning: 'The mfaToken is unknown, expired, already used or dead after five wrong codes; sign in again.' },
  invalid_code: { status: 401, meaning: 'The second-factor proof (code or passkey assertion) is wrong; five wrong ones end the mfaToken.' },
  passkey_rejected: { status: 401, meaning: 'The passkey assertion was refused (unknown passkey, bad signature, unknown, used or expired challenge, no user verification).' },
  forbidden: { status: 403, meaning: 'The request is not allowed.' },
  csrf_failed: { status: 403, meaning: 'A cookie-authenticated request lacked `X-IdentSphere-CSRF: 1` or came from a foreign origin.' },
  account_disabled: { status: 403, meaning: 'The account is disabled (told only after a correct password).' },
  email_not_verified: { status: 403, meaning: 'The account must confirm its email address first.' },
  step_up_required: { status: 403, meaning: 'The operation needs a recent authentication (with MFA when the account has it): call POST /v1/auth/step-up with one of the `methods` the problem lists.' },
  mfa_enrollment_required: { status: 403, meaning: 'IDENTSPHERE_MFA_REQUIRED=all: this session may only enrol a second factor (then step up) or sign out.' },
  sso_required: { status: 403, meaning: 'The email\'s domain signs in through its identity provider only; follow `startUrl`.' },
  not_found: { status: 404, meaning: 'No such route or resource (also for a resource of another user).' },
  unknown_provider: { status: 404, meaning: 'No identity provider has this id, or none owns the email\'s domain.' },
  method_not_allowed: { status: 405, meaning: 'The route does not accept this method.' },
  not_acceptable: { status: 406, meaning: 'No acceptable representation.' },
  conflict: { status: 409, meaning: 'The request conflicts with the current state.' },
  email_taken: { status: 409, meaning: 'Another account uses this email address.' },
  totp_already_enabled: { status: 409, meaning: 'An authenticator app is already set up; remove it first (DELETE /v1/me/mfa/totp).' },
  totp_enrolment_not_started: { status: 409, meaning: 'No authenticator app awaits confirmation; start with POST /v1/me/mfa/totp.' },
  mfa_not_enabled: { status: 409, meaning: 'Recovery codes need a second factor (authenticator app or passkey) set up first.' },
  admin_self_action: { status: 409, meaning: 'Administrators cannot disable, delete or demote their own account; another administrator must.' },
  last_admin: { status: 409, meaning: 'The change would leave no enabled administrator; make another account admin first.' },
  email_already_verified: { status: 409, meaning: 'The account has already confirmed its email address; no verification mail is sent.' },
  webhook_limit_reached: { status: 409, meaning: 'As many webhook endpoints as allowed (20) are configured; delete one first.' },
  identity_provider_exists: { status: 409, meaning: 'An identity provider with this id exists already; choose another id or update it with PUT.' },
  domain_taken: { status: 409, meaning: 'Another identity provider owns one of these email domains (a domain belongs to at most one provider); the detail names them.' },
  identity_provider_managed_by_env: { status: 409, meaning: 'The identity provider is seeded from IDENTSPHERE_OIDC_PROVIDERS: change it there, not through the API.' },
  identity_already_linked: { status: 409, meaning: 'This account at the identity provider is linked to another user.' },
  payload_too_large: { status: 413, meaning: 'The body exceeds 64 KiB.' },
  unsupported_media_type: { status: 415, meaning: 'A body was sent that is not `application/json`.' },
  rate_limited: { status: 429, meaning: 'This client or account is throttled; wait `Retry-After` seconds.' },
  internal: { status: 500, meaning: 'An unexpected error; quote `requestId` when reporting it.' },
  overloaded: { status: 503, meaning: 'Too many password checks are in flight; wait `Retry-After` seconds.' },
  unavailable: { status: 503, meaning: 'PostgreSQL is unreachable; wait `Retry-After` seconds.' },
} as const satisfies Record<string, { readonly status: number; readonly meaning: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as ProblemCode[];

export const isProblemCode = (value: string): value is ProblemCode => Object.prototype.hasOwnProperty.call(PROBLEM_CODES, value);

/**
 * Every `errors[].rule` of a 400 answer. Validator-library constraint names are mapped to these at the
 * edge and never reach a client.
 */
export const FIELD_RULES = {
  required: 'The field is missing (or null where a value is required).',
  invalid_type: 'The value has the wrong JSON type (e.g. a number or an object where a string is expected).',
  invalid_format: 'The value does not have the expected form.',
  invalid_email: 'Not an email address the service accepts.',
  invalid_uuid: 'Not a UUID.',
  too_short: 'Shorter than the minimum length (for passwords: the configured minimum, in code points after NFKC).',
  too_long: 'Longer than the maximum length.',
  out_of_range: 'A number outside its allowed range.',
  unknown_property: 'The body has a property that the operation does not accept.',
  control_characters: 'A text field contains control characters.',
  common: 'The password is on the list of common passwords.',
  guessable: 'The password is too easy to guess; `message` says why.',
  contains_context: 'The password contains the email name or the service name.',
} as const satisfies Record<string, string>;

export type FieldRule = keyof typeof FIELD_RULES;

export const FIELD_RULE_LIST = Object.keys(FIELD_RULES) as FieldRule[];

export const isFieldRule = (value: string): value is FieldRule => Object.prototype.hasOwnProperty.call(FIELD_RULES, value);
