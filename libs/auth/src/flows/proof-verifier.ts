import { Injectable } from '@nestjs/common';
import { ClientContext, CommonErrors } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { RateLimit, RateLimiter } from '@identsphere/rate-limit';
import { counted, flowEvent, ProofPurpose } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { AuthErrors } from '../auth.errors';
import { SignInStrategies } from '../strategies/sign-in-strategies';
import type { SignInProof, SignInStrategy } from '../strategies/sign-in-strategy';

const ATTEMPTS_BUCKET = 'second-factor-attempts';

/** `recoveryCodesRemaining`: only when the proof was a recovery code, how many unused ones the account has left. */
export type ProofResult =
  | { readonly ok: true; readonly strategy: SignInStrategy; readonly amr: readonly string[]; readonly recoveryCodesRemaining?: number }
  | { readonly ok: false; readonly strategy: SignInStrategy };

/**
 * Checks one proof of a known user through the registry, for MFA completion and step-up alike. A
 * second-factor attempt takes its per-account slot in one atomic statement BEFORE the strategy looks at
 * it (the password strategy throttles itself the same way), so concurrent guesses cannot all slip under
 * the limit. A wrong proof is a result, not an exception: the caller chooses its answer.
 */
@Injectable()
export class ProofVerifier {
  private readonly attemptLimit: RateLimit;

  constructor(
    private readonly strategies: SignInStrategies,
    private readonly limiter: RateLimiter,
    private readonly outcomes: FlowOutcomes,
    config: AppConfig,
  ) {
    this.attemptLimit = { max: config.throttling.loginMaxFailures, windowSeconds: config.throttling.ipWindowSeconds };
  }

  async verify(purpose: ProofPurpose, userId: string, method: string, proof: SignInProof, client: ClientContext): Promise<ProofResult> {
    const strategy = await this.usableStrategy(purpose, userId, method);
    if (strategy.secondFactor) await this.takeSlot(purpose, userId, strategy, client);
    const verdict = await strategy.verify({ userId, proof, client });
    if (!verdict.ok) {
      const failed = flowEvent('mfa_failed', userId, null, { method: strategy.id, reason: verdict.reason, purpose });
      await this.outcomes.record([failed, counted.proof(purpose, strategy.id, 'wrong')], client);
      return { ok: false, strategy };
    }
    await this.outcomes.record([counted.proof(purpose, strategy.id, 'accepted')], client);
    // The owner proved the factor: earlier misses (typos) no longer count against them.
    if (strategy.secondFactor) await this.limiter.reset(ATTEMPTS_BUCKET, userId);
    return { ok: true, strategy, amr: verdict.amr ?? strategy.amr, ...recoveryCodesRemainingOf(strategy, verdict.detail) };
  }

  /** The methods this user could prove for `purpose`: their second factors, and for step-up the password too. */
  async acceptedMethods(purpose: ProofPurpose, userId: string): Promise<string[]> {
    const factors = await this.strategies.secondFactorsOf(userId);
    return purpose === 'step_up' && factors.length === 0 ? ['password'] : factors;
  }

  private async usableStrategy(purpose: ProofPurpose, userId: string, method: string): Promise<SignInStrategy> {
    const strategy = this.strategies.get(method);
    const fits = strategy && (strategy.secondFactor || purpose === 'step_up') && (await strategy.isEnrolled(userId));
    if (!strategy || !fits) throw AuthErrors.methodNotAvailable(await this.acceptedMethods(purpose, userId));
    return strategy;
  }

  private async takeSlot(purpose: ProofPurpose, userId: string, strategy: SignInStrategy, client: ClientContext): Promise<void> {
    const slot = await this.limiter.attempt(ATTEMPTS_BUCKET, userId, this.attemptLimit);
    if (slot.allowed) return;
    await this.outcomes.record([counted.proof(purpose, strategy.id, 'throttled')], client);
    throw CommonErrors.rateLimited(slot.retryAfterSeconds);
  }
}

/** The recovery-code strategy reports the codes left in its verdict's `detail.remaining`; other methods report none. */
function recoveryCodesRemainingOf(strategy: SignInStrategy, detail: Readonly<Record<string, string>> | undefined): { recoveryCodesRemaining?: number } {
  if (strategy.id !== 'recovery_code' || detail?.remaining === undefined) return {};
  const remaining = Number(detail.remaining);
  return Number.isInteger(remaining) && remaining >= 0 ? { recoveryCodesRemaining: remaining } : {};
}
