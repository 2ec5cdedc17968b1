// Routes an enrol-only session (IDENTSPHERE_MFA_REQUIRED=all, acr "enrol") may call are marked with
// `@AllowedDuringEnrolment()` from '@identsphere/common' (factor enrolment under /v1/me/mfa/* and /v1/me/passkeys/*).
import { Inject, Injectable } from '@nestjs/common';
import { PasswordStrategy } from './password.strategy';
import { SIGN_IN_STRATEGIES, SignInMethod, SignInStrategy } from './sign-in-strategy';

/**
 * Every sign-in method, collected by DI under SIGN_IN_STRATEGIES. Flows ask it by method id or for the
 * second factors a user has; they never name a method themselves, so a new method is one new strategy
 * class added to the module's list.
 */
@Injectable()
export class SignInStrategies {
  private readonly byId: ReadonlyMap<SignInMethod, SignInStrategy>;

  constructor(@Inject(SIGN_IN_STRATEGIES) strategies: readonly SignInStrategy[]) {
    const byId = new Map<SignInMethod, SignInStrategy>();
    for (const strategy of strategies) {
      if (byId.has(strategy.id)) throw new Error(`two sign-in strategies claim the method ${strategy.id}`);
      byId.set(strategy.id, strategy);
    }
    this.byId = byId;
  }

  /** The strategy for a method id the client sent; null for an unknown or unregistered one. */
  get(id: string): SignInStrategy | null {
    return this.byId.get(id as SignInMethod) ?? null;
  }

  /** Login's first step: the password strategy also identifies the account from an email (see PasswordStrategy). */
  password(): PasswordStrategy {
    const strategy = this.byId.get('password');
    if (!(strategy instanceof PasswordStrategy)) throw new Error('the password strategy is not registered');
    return strategy;
  }

  /** secondFactorsOf() from a statement's enrolledFactorsSql column: registration order, second factors only. */
  secondFactorsAmong(enrolled: readonly string[]): SignInMethod[] {
    return [...this.byId.values()].filter((strategy) => strategy.secondFactor && enrolled.includes(strategy.id)).map((strategy) => strategy.id);
  }

  /** The second factors the user has set up, in registration order: empty means password-only. */
  async secondFactorsOf(userId: string): Promise<SignInMethod[]> {
    const methods: SignInMethod[] = [];
    // One after the other: inside a transaction every query shares one connection, which runs one at a time.
    for (const strategy of this.byId.values()) if (strategy.secondFactor && (await strategy.isEnrolled(userId))) methods.push(strategy.id);
    return methods;
  }
}
