import type { AuthenticationResponseJSON } from '@simplewebauthn/server';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MAX_FIELD = 16_384;

const isBase64Url = (value: unknown, optional = false): boolean =>
  (optional && value === undefined) || (typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD && BASE64URL.test(value));

/**
 * Whether an untyped value (the `assertion` of an MFA or step-up body) has the shape of WebAuthn's
 * AuthenticationResponseJSON, so a malformed one is refused as a wrong proof, never crashes verification.
 */
export function isAuthenticationResponse(value: unknown): value is AuthenticationResponseJSON {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const r = v.response as Record<string, unknown> | undefined;
  if (typeof r !== 'object' || r === null) return false;
  return (
    v.type === 'public-key' &&
    isBase64Url(v.id) &&
    v.rawId === v.id &&
    isBase64Url(r.clientDataJSON) &&
    isBase64Url(r.authenticatorData) &&
    isBase64Url(r.signature) &&
    isBase64Url(r.userHandle, true)
  );
}
