import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FlowOutcome, FlowOutcomes } from '@identsphere/auth';
import { CommonErrors } from '@identsphere/common';
import { TransactionHost } from '@identsphere/database';
import { User, UsersRepository } from '@identsphere/users';
import type { AdminActor } from './admin-actor';
import { AdminSupportMetrics, SupportAction } from './admin-support-metrics';

/** What a support action did: its answer, and what FlowOutcomes records (audit rows, mails). */
export interface SupportActionResult<T> {
  readonly result: T;
  readonly outcomes: readonly FlowOutcome[];
  /** False when there was nothing to do (e.g. no factor to remove): nothing is counted. */
  readonly tookEffect?: boolean;
}

/**
 * The frame every support action shares: one transaction, the target user (404 `not_found` for an unknown
 * or malformed id), the action's outcomes recorded with the acting admin as `actor_id`, and the action
 * counted once it has committed.
 */
@Injectable()
export class SupportActionRunner {
  constructor(
    private readonly users: UsersRepository,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly metrics: AdminSupportMetrics,
  ) {}

  async run<T>(action: SupportAction, userId: string, by: AdminActor, work: (user: User) => Promise<SupportActionResult<T>>): Promise<T> {
    return this.tx.run(async () => {
      const done = await work(await this.target(userId));
      await this.record(action, by, done);
      return done.result;
    });
  }

  /** The user an action is about; 404 `not_found` for an unknown or malformed id (never a database error). */
  async target(userId: string): Promise<User> {
    const user = isUUID(userId) ? await this.users.findById(userId) : null;
    if (!user) throw CommonErrors.notFound('user');
    return user;
  }

  /** Records what an action did (joining the caller's transaction) and counts it after the commit. */
  async record(action: SupportAction, by: AdminActor, done: Omit<SupportActionResult<unknown>, 'result'>): Promise<void> {
    await this.outcomes.record(done.outcomes.map((outcome) => withActor(outcome, by.actorId)), by.client);
    if (done.tookEffect !== false) this.tx.afterCommit(() => this.metrics.count(action));
  }
}

/** The acting admin is recorded as the event's actor (security_events.actor_id). */
function withActor(outcome: FlowOutcome, actorId: string): FlowOutcome {
  return outcome.channel === 'audit' ? { ...outcome, actorId } : outcome;
}
