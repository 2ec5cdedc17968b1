import { Injectable } from '@nestjs/common';
import { RecoveryCodesService } from '@identsphere/factors';
import { EnrolledFactors } from './enrolled-factors';

/** What GET /v1/me/mfa shows: the factors set up and how many recovery codes are left. */
@Injectable()
export class MfaStatusQuery {
  constructor(
    private readonly factors: EnrolledFactors,
    private readonly recoveryCodes: RecoveryCodesService,
  ) {}

  async of(userId: string): Promise<{ methods: string[]; recoveryCodesRemaining: number }> {
    return { methods: await this.factors.of(userId), recoveryCodesRemaining: await this.recoveryCodes.remaining(userId) };
  }
}
