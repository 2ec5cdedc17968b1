import { isProblem } from '@identsphere/spa';

// Switch on a problem's `code`, never on its `detail` (that is for people and may change).
const FRIENDLY: Partial<Record<string, string>> = {
  invalid_credentials: 'The email or password is wrong.',
  email_taken: 'An account with this email exists already. Sign in instead.',
  invalid_code: 'That code is not right. Try again.',
  invalid_mfa_token: 'The sign-in took too long. Start again.',
  rate_limited: 'Too many attempts. Wait a little and try again.',
  account_disabled: 'This account is disabled. Contact your administrator.',
  email_not_verified: 'Confirm your email address first (see the mail we sent).',
  passkey_rejected: 'The passkey was not accepted.',
  passkey_invalid: 'The passkey could not be registered. Try again.',
  step_up_required: 'Confirm it is you to continue.',
  unavailable: 'The service is unavailable right now. Try again shortly.',
  overloaded: 'The service is busy. Try again in a moment.',
};

/** One sentence for the person at the screen. */
export function describeError(error: unknown): string {
  if (isProblem(error)) {
    // weak_password and validation_failed say per field what is wrong.
    const fieldMessages = error.problem.errors?.map((e) => e.message).join(' ');
    return FRIENDLY[error.code] ?? (fieldMessages || error.problem.detail);
  }
  // WebAuthn: the person closed the browser's passkey dialog (or it timed out).
  if (error instanceof DOMException && error.name === 'NotAllowedError') return 'The passkey prompt was cancelled.';
  return error instanceof Error ? error.message : String(error);
}
