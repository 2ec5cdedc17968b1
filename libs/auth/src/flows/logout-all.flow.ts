import { Injectable } from '@nestjs/common';
import { ClientContext, Principal } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { flowEvent } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { ADDRESS_GRANTS } from './address-grants';

@Injectable()
export class LogoutAllFlow {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: OneTimeTokensService,
    private readonly tx: TransactionHost,
    private readonly outcomes: FlowOutcomes,
  ) {}

  /** "Sign out everywhere" is how an owner throws out an intruder: the intruder's pending address change goes too. */
  async logoutAll(principal: Principal, client: ClientContext): Promise<void> {
    await this.tx.run(async () => {
      const revoked = await this.sessions.revokeAll(principal.userId, 'logout_all');
      await this.tokens.revoke(principal.userId, ADDRESS_GRANTS);
      const detail = { sessions_revoked: String(revoked.length) };
      await this.outcomes.record([flowEvent('logout_all', principal.userId, principal.sessionId, detail)], client);
    });
  }
}
