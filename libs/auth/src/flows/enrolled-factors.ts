import { Inject, Injectable } from '@nestjs/common';
import { SIGN_IN_STRATEGIES, SignInMethod, SignInStrategy } from '../strategies/sign-in-strategy';

/**
 * Which second factors a user has, asked of every registered strategy so that no flow names the methods.
 * Recovery codes back up the other factors; on their own they do not make an account multi-factor.
 */
@Injectable()
export class EnrolledFactors {
  constructor(@Inject(SIGN_IN_STRATEGIES) private readonly strategies: readonly SignInStrategy[]) {}

  async of(userId: string): Promise<SignInMethod[]> {
    const methods: SignInMethod[] = [];
    // One after the other: inside a flow's transaction every query shares one connection.
    for (const strategy of this.strategies) if (strategy.secondFactor && (await strategy.isEnrolled(userId))) methods.push(strategy.id);
    return methods;
  }

  /** The factors that stand on their own (every enrolled one but the recovery codes). */
  async primaryOf(userId: string): Promise<SignInMethod[]> {
    return (await this.of(userId)).filter((method) => method !== 'recovery_code');
  }
}
