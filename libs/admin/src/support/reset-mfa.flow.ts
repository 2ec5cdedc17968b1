import { Injectable } from '@nestjs/common';
import { flowEvent, FlowOutcome, mailOwner, SecondFactorsRemoval } from '@identsphere/auth';
import { SessionsService } from '@identsphere/sessions';
import type { User } from '@identsphere/users';
import type { AdminActor } from './admin-actor';
import { SupportActionRunner } from './support-action-runner';

/** What a reset removed: the methods (`totp`, `webauthn`, `recovery_code`) and how many sessions ended. */
export interface MfaReset {
  readonly removed: readonly string[];
  readonly sessionsRevoked: number;
}

/**
 * An administrator removes every second factor of an account (authenticator app, passkeys, recovery codes),
 * e.g. for a user who lost their phone. Every session ends too: sessions that proved a removed factor must
 * not keep that assurance, and if the reset answers a takeover, the intruder's sessions go with it. The
 * owner is mailed. Nothing enrolled: nothing changes, nothing is recorded, `removed` is empty.
 */
@Injectable()
export class ResetMfaFlow {
  constructor(
    private readonly runner: SupportActionRunner,
    private readonly factors: SecondFactorsRemoval,
    private readonly sessions: SessionsService,
  ) {}

  reset(userId: string, by: AdminActor): Promise<MfaReset> {
    return this.runner.run('reset_mfa', userId, by, async (user) => {
      const removed = await this.factors.removeAll(user.id);
      if (removed.length === 0) return { result: { removed, sessionsRevoked: 0 }, outcomes: [], tookEffect: false };
      const revoked = await this.sessions.revokeAll(user.id, 'mfa_reset');
      return { result: { removed, sessionsRevoked: revoked.length }, outcomes: resetOutcomes(user, removed, revoked.length) };
    });
  }
}

function resetOutcomes(user: User, removed: readonly string[], sessionsRevoked: number): FlowOutcome[] {
  const detail = { reason: 'admin_reset', last_factor: 'true', sessions_revoked: String(sessionsRevoked) };
  return [
    ...removed.map((method) => flowEvent('mfa_disabled', user.id, null, { method, ...detail })),
    flowEvent('mfa_last_factor_removed', user.id, null, { method: removed.join(','), reason: 'admin_reset' }),
    mailOwner(user.id, { kind: 'mfa-reset-by-admin' }),
  ];
}
