import { Injectable } from '@nestjs/common';
import { TotpService } from '@identsphere/factors';
import type { SignInAttempt, SignInStrategy, StrategyVerdict } from './sign-in-strategy';

/** A code from an authenticator app (RFC 6238) as the second factor; each code is accepted once. */
@Injectable()
export class TotpStrategy implements SignInStrategy {
  readonly id = 'totp' as const;
  readonly amr = ['otp'] as const;
  readonly secondFactor = true;

  constructor(private readonly totp: TotpService) {}

  isEnrolled(userId: string): Promise<boolean> {
    return this.totp.isActive(userId);
  }

  async verify(attempt: SignInAttempt): Promise<StrategyVerdict> {
    const check = await this.totp.verify(attempt.userId, attempt.proof.code ?? '');
    return check === 'ok' ? { ok: true } : { ok: false, reason: check };
  }
}
