import { Injectable } from '@nestjs/common';
import { isAuthenticationResponse, PasskeyAuthenticationService, PasskeysService } from '@identsphere/factors';
import type { SignInAttempt, SignInStrategy, StrategyVerdict } from './sign-in-strategy';

/**
 * A passkey as the second factor (after a password) or for step-up. The `amr` it proves depends on the
 * credential: 'hwk' for a device-bound passkey, 'swk' for a synced (backed-up) one; `amr` below is the
 * stronger claim, used only where no credential is known yet. Passwordless sign-in has its own flow.
 */
@Injectable()
export class PasskeyStrategy implements SignInStrategy {
  readonly id = 'webauthn' as const;
  readonly amr = ['hwk'] as const;
  readonly secondFactor = true;

  constructor(
    private readonly passkeys: PasskeysService,
    private readonly authentication: PasskeyAuthenticationService,
  ) {}

  isEnrolled(userId: string): Promise<boolean> {
    return this.passkeys.hasAny(userId);
  }

  /** Spends the challenge atomically: the same assertion sent twice at once succeeds once. */
  async verify(attempt: SignInAttempt): Promise<StrategyVerdict> {
    const assertion = attempt.proof.assertion;
    if (!isAuthenticationResponse(assertion)) return { ok: false, reason: 'malformed_assertion' };
    const verdict = await this.authentication.verify(assertion, { purpose: 'second_factor', userId: attempt.userId });
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    return { ok: true, amr: [verdict.amr], detail: { factor_id: verdict.passkeyId } };
  }
}
