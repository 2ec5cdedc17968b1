import { Injectable } from '@nestjs/common';
import type { LinkedIdentity } from './linked-identity';
import { IdentityErrors } from './identities.errors';
import { UserIdentitiesRepository } from './persistence/user-identities.repository';

/** Users' accounts at identity providers. Writes join the ambient transaction (the SSO callback's). */
@Injectable()
export class UserIdentities {
  constructor(private readonly repository: UserIdentitiesRepository) {}

  find(providerId: string, subject: string): Promise<LinkedIdentity | null> {
    return this.repository.find(providerId, subject);
  }

  /**
   * Links the provider account to the user. Idempotent for the same user (two callbacks racing both succeed);
   * throws identity_already_linked when it belongs to another user, never re-pointing it silently.
   */
  async link(input: { userId: string; providerId: string; subject: string; email: string }): Promise<LinkedIdentity> {
    const linked = await this.repository.insert(input);
    if (linked.userId !== input.userId) throw IdentityErrors.alreadyLinked();
    return linked;
  }

  recordLogin(id: string): Promise<void> {
    return this.repository.touchLogin(id);
  }

  /**
   * Whoever proves control of the account's mailbox (a mailed reset link) takes the account over from
   * whatever a provider that does not own the address's domain asserted: such a provider may have created
   * the account just in time for someone else claiming the address. Its links go; links through the
   * domain's own provider stay.
   */
  unlinkProvidersNotOwning(userId: string, email: string): Promise<LinkedIdentity[]> {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    return this.repository.deleteWhereProviderDoesNotOwn(userId, domain);
  }

  listForUser(userId: string): Promise<LinkedIdentity[]> {
    return this.repository.listForUser(userId);
  }
}
