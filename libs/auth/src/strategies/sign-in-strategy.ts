import type { ClientContext } from '@identsphere/common';

/**
 * Sign-in methods as strategies (Ory Kratos's `login.Strategy` is the model): login, MFA completion and
 * step-up iterate one registry, so a new method is a new file registered under SIGN_IN_STRATEGIES, never a
 * new branch in a flow.
 */
export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'webauthn';

/** What the client sent to prove the method: one of these fields, as the method needs. */
export interface SignInProof {
  readonly password?: string;
  readonly code?: string;
  /** WebAuthn's AuthenticationResponseJSON, as @simplewebauthn/browser produces it. */
  readonly assertion?: unknown;
}

export interface SignInAttempt {
  /** The account being proved: known after the password step, in MFA completion and in step-up. */
  readonly userId: string;
  readonly proof: SignInProof;
  readonly client: ClientContext;
}

/** What verifying found; a strategy reports, it never throws for a wrong proof (flows decide the answer). */
export type StrategyVerdict =
  | {
      readonly ok: true;
      /** The `amr` proved, when it depends on the credential (a passkey: 'hwk' or 'swk'); else the strategy's. */
      readonly amr?: readonly string[];
      /** Facts a flow may need to report (e.g. recovery codes left); never a secret. */
      readonly detail?: Readonly<Record<string, string>>;
    }
  | {
      readonly ok: false;
      /** Why, for the audit log only (never shown to the client): e.g. `wrong_code`, `replayed_code`, `not_enrolled`. */
      readonly reason: string;
    };

export interface SignInStrategy {
  readonly id: SignInMethod;
  /** RFC 8176 `amr` values this method proves: password ['pwd'], TOTP ['otp'], recovery code ['otp'], passkey ['hwk'] or ['swk']. */
  readonly amr: readonly string[];
  /** Whether this method can complete a login as the second factor (password cannot). */
  readonly secondFactor: boolean;
  /** Whether the user has this method set up (the password strategy: always true). */
  isEnrolled(userId: string): Promise<boolean>;
  /**
   * Checks the proof for `attempt.userId`. Must spend a one-time proof (TOTP step, recovery code, WebAuthn
   * challenge) atomically, so the same proof sent twice at once succeeds once.
   */
  verify(attempt: SignInAttempt): Promise<StrategyVerdict>;
}

/** Nest injection token of the strategy list (a factory provider collects every strategy class). */
export const SIGN_IN_STRATEGIES = Symbol('SIGN_IN_STRATEGIES');
