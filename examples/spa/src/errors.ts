/** The parts of an RFC 9457 problem the example reacts to. Code on `code`, never on `detail` (that is for people). */
export interface Problem {
  readonly code: string;
  readonly status?: number;
  readonly detail?: string;
  readonly methods?: string[];
  readonly startUrl?: string;
  readonly errors?: { field: string; message: string; rule: string }[];
}

/** The problem inside whatever the spa package or the typed client threw or answered, if there is one. */
export function problemOf(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = 'problem' in error ? (error as { problem: unknown }).problem : error;
  if (typeof candidate === 'object' && candidate !== null && typeof (candidate as Problem).code === 'string') return candidate as Problem;
  return undefined;
}

const FRIENDLY: Record<string, string> = {
  invalid_credentials: 'The email or password is wrong.',
  email_taken: 'An account with this email exists already. Sign in instead.',
  invalid_code: 'That code is not right. Try again.',
  invalid_mfa_token: 'The sign-in took too long. Start again.',
  rate_limited: 'Too many attempts. Wait a little and try again.',
  account_disabled: 'This account is disabled. Contact your administrator.',
  email_not_verified: 'Confirm your email address first (see the mail we sent).',
  passkey_rejected: 'The passkey was not accepted.',
  step_up_required: 'Confirm it is you to continue.',
  unavailable: 'The service is unavailable right now. Try again shortly.',
  overloaded: 'The service is busy. Try again in a moment.',
};

/** One sentence for the person at the screen. */
export function describeError(error: unknown): string {
  const problem = problemOf(error);
  if (problem) {
    const fieldMessages = problem.errors?.map((e) => e.message).join(' ');
    return FRIENDLY[problem.code] ?? (fieldMessages || problem.detail || problem.code);
  }
  // WebAuthn: the person closed the browser's passkey dialog.
  if (error instanceof DOMException && error.name === 'NotAllowedError') return 'The passkey prompt was cancelled.';
  return error instanceof Error ? error.message : String(error);
}
