import { Injectable } from '@nestjs/common';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { Passkey, PasskeyRegistrationService, PasskeysService, RecoveryCodesService } from '@identsphere/factors';
import { User, UserErrors, UsersRepository } from '@identsphere/users';
import { mailTo, mfaEnabled } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';

export interface RegisteredPasskey {
  readonly passkey: Passkey;
  /** The first recovery codes when the account had none (shown this once); otherwise empty. */
  readonly recoveryCodes: readonly string[];
}

/**
 * Registering a passkey: options for the signed-in user, then the authenticator's answer kept, recorded and
 * mailed to the owner. Like the authenticator app, the first factor brings the first recovery codes.
 */
@Injectable()
export class PasskeyEnrolmentFlow {
  constructor(
    private readonly registration: PasskeyRegistrationService,
    private readonly passkeys: PasskeysService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
  ) {}

  async options(principal: Principal) {
    const user = await this.userOf(principal);
    return this.registration.options({ id: user.id, email: user.email, displayName: user.displayName });
  }

  /** The passkey, its event and its notice commit together. */
  register(principal: Principal, response: RegistrationResponseJSON, name: string | undefined, client: ClientContext): Promise<RegisteredPasskey> {
    return this.tx.run(async () => {
      const user = await this.userOf(principal);
      const passkey = await this.registration.register(user.id, response, name);
      const recoveryCodes = (await this.recoveryCodes.remaining(user.id)) === 0 ? await this.recoveryCodes.replace(user.id) : [];
      const detail = { method: 'webauthn', factor_id: passkey.id, recovery_codes_issued: String(recoveryCodes.length) };
      await this.outcomes.record([mfaEnabled(user.id, principal.sessionId, detail), mailTo({ kind: 'passkey-added', to: user.email })], client);
      return { passkey, recoveryCodes };
    });
  }

  list(principal: Principal): Promise<Passkey[]> {
    return this.passkeys.list(principal.userId);
  }

  private async userOf(principal: Principal): Promise<User> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw UserErrors.notFound();
    return user;
  }
}
