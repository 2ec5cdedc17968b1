import { Injectable } from '@nestjs/common';
import { PasskeysService, RecoveryCodesService, TotpService, Passkey } from '@identsphere/factors';
import { Session, SessionsService } from '@identsphere/sessions';
import { User } from '@identsphere/users';
import { AdminSafeguards } from '../flows/admin-safeguards';

/** Factors as an administrator sees them: which are set up, never a secret, code or public key. */
export interface FactorSummary {
  readonly totp: boolean;
  readonly passkeys: readonly Passkey[];
  readonly recoveryCodesRemaining: number;
}

export interface UserDetails {
  readonly user: User;
  readonly sessions: readonly { readonly session: Session; readonly expiresAt: Date }[];
  readonly factors: FactorSummary;
}

/** GET /v1/admin/users/{id}: the account, its live sessions and its factors. */
@Injectable()
export class UserDetailsQuery {
  constructor(
    private readonly safeguards: AdminSafeguards,
    private readonly sessions: SessionsService,
    private readonly totp: TotpService,
    private readonly passkeys: PasskeysService,
    private readonly recoveryCodes: RecoveryCodesService,
  ) {}

  async of(userId: string): Promise<UserDetails> {
    const user = await this.safeguards.existing(userId);
    const sessions = await this.sessions.list(userId);
    const factors = { totp: await this.totp.isActive(userId), passkeys: await this.passkeys.list(userId), recoveryCodesRemaining: await this.recoveryCodes.remaining(userId) };
    return { user, sessions: sessions.map((session) => ({ session, expiresAt: this.sessions.effectiveExpiry(session) })), factors };
  }
}
