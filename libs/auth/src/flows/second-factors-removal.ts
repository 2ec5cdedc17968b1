import { Injectable } from '@nestjs/common';
import { PasskeysService, RecoveryCodesService, TotpService } from '@identsphere/factors';

/**
 * Removes every second factor of an account (authenticator app, passkeys, recovery codes) and says which
 * methods it removed (`totp`, `webauthn`, `recovery_code`): for an administrator's MFA reset, and when an
 * SSO login claims an account whose address nobody had proved.
 */
@Injectable()
export class SecondFactorsRemoval {
  constructor(
    private readonly totp: TotpService,
    private readonly passkeys: PasskeysService,
    private readonly recoveryCodes: RecoveryCodesService,
  ) {}

  /** One after the other: inside the caller's transaction every query shares one connection. */
  async removeAll(userId: string): Promise<string[]> {
    const removed: string[] = [];
    if (await this.totp.disable(userId)) removed.push('totp');
    const passkeys = await this.passkeys.list(userId);
    for (const passkey of passkeys) await this.passkeys.remove(userId, passkey.id);
    if (passkeys.length > 0) removed.push('webauthn');
    const codesLeft = await this.recoveryCodes.remaining(userId);
    await this.recoveryCodes.deleteAll(userId);
    if (codesLeft > 0) removed.push('recovery_code');
    return removed;
  }
}
