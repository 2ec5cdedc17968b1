import { Injectable } from '@nestjs/common';
import type { ClientContext } from '@identsphere/common';
import { PasswordHasher, randomToken } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { IdentityProvider, UserIdentities } from '@identsphere/identities';
import { SessionsService } from '@identsphere/sessions';
import { OneTimeTokensService } from '@identsphere/tokens';
import { User, UsersRepository } from '@identsphere/users';
import { flowEvent, FlowOutcome } from '../events/flow-outcome';
import { FlowOutcomes } from '../events/flow-outcomes';
import { ADDRESS_GRANTS } from '../flows/address-grants';
import { SecondFactorsRemoval } from '../flows/second-factors-removal';
import { emailDomainOf } from './email-domain';
import type { SsoAssertion } from './sso-assertion';
import { SsoRefusal } from './sso.errors';
import { rolesAfterMapping } from './sso-role-mapping';

/**
 * Which account an SSO login signs in to. A linked identity (provider, sub) wins. Otherwise an account with
 * the asserted email is linked only when the provider owns the email's domain and does not deny that the
 * address is verified: anything weaker would let whoever controls a provider account with that address
 * take over the local account. No account: one is created just in time, its email verified only when the
 * provider owns the domain.
 *
 * Linking by domain to an account whose address was never verified claims it (pre-account takeover): nobody
 * had proved owning that mailbox, so whoever signed up may be squatting a colleague's address. Its password,
 * second factors, sessions and pending links are all voided before the provider's user gets it.
 */
@Injectable()
export class SsoAccounts {
  constructor(
    private readonly identities: UserIdentities,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly outcomes: FlowOutcomes,
    private readonly tx: TransactionHost,
    private readonly sessions: SessionsService,
    private readonly factors: SecondFactorsRemoval,
    private readonly tokens: OneTimeTokensService,
  ) {}

  async resolve(provider: IdentityProvider, assertion: SsoAssertion, client: ClientContext): Promise<User> {
    const email = assertion.email;
    if (!email) throw new SsoRefusal('sso_failed', 'no_email');
    const linked = await this.identities.find(provider.id, assertion.subject);
    // A just-in-time or claimed account gets a random password nobody knows (the column is required); hashed
    // before the transaction opens so no connection waits for Argon2. The user can set one through a reset.
    const existing = linked ? null : await this.users.findByEmail(email);
    const unusableHash = linked || existing?.emailVerified ? null : await this.hasher.hash(randomToken(32));
    return this.tx.run(async () => {
      const events: FlowOutcome[] = [];
      const user = linked ? await this.signInLinked(linked.id, linked.userId) : await this.linkOrProvision(provider, assertion, email, unusableHash, events);
      const mapped = await this.applyRoleMapping(provider, user, assertion.groups, events);
      await this.outcomes.record(events, client);
      return mapped;
    });
  }

  private async signInLinked(identityId: string, userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new SsoRefusal('sso_failed', 'linked_account_gone');
    await this.identities.recordLogin(identityId);
    return user;
  }

  private async linkOrProvision(provider: IdentityProvider, assertion: SsoAssertion, email: string, unusableHash: string | null, events: FlowOutcome[]): Promise<User> {
    const trusted = provider.domains.includes(emailDomainOf(email)) && assertion.emailVerified !== false;
    const existing = await this.users.findByEmail(email);
    if (existing && !trusted) throw new SsoRefusal('account_exists_link_required', 'domain_not_owned', existing.id);
    // Raced with a signup of the same address, or its verification, since the check: refuse rather than guess.
    if (!unusableHash && !existing?.emailVerified) throw new SsoRefusal('sso_failed', 'account_race');
    let user = existing;
    if (!user) {
      user = await this.users.create({ email, passwordHash: unusableHash!, displayName: assertion.name });
      events.push(flowEvent('signup', user.id, null, { method: 'sso', provider: provider.id }));
    } else if (!user.emailVerified) {
      await this.claim(user.id, unusableHash!, provider, events);
    }
    if (trusted && !user.emailVerified) user = (await this.users.markEmailVerified(user.id)) ?? user;
    const identity = await this.identities.link({ userId: user.id, providerId: provider.id, subject: assertion.subject, email });
    await this.identities.recordLogin(identity.id);
    events.push(flowEvent('identity_linked', user.id, null, { provider: provider.id, via: existing ? 'domain' : 'jit' }));
    return user;
  }

  private async claim(userId: string, unusableHash: string, provider: IdentityProvider, events: FlowOutcome[]): Promise<void> {
    await this.users.updatePasswordHash(userId, unusableHash);
    const removed = await this.factors.removeAll(userId);
    const revoked = await this.sessions.revokeAll(userId, 'sso_claimed');
    await this.tokens.revoke(userId, ['reset-password', ...ADDRESS_GRANTS]);
    events.push(flowEvent('account_claimed', userId, null, { provider: provider.id, removed: removed.join(','), sessions_revoked: String(revoked.length) }));
  }

  private async applyRoleMapping(provider: IdentityProvider, user: User, groups: readonly string[], events: FlowOutcome[]): Promise<User> {
    if (!provider.claims.groups) return user;
    const roles = rolesAfterMapping(user.roles, provider.roleMapping, groups);
    if (roles.length === user.roles.length && roles.every((r) => user.roles.includes(r))) return user;
    events.push(flowEvent('roles_changed', user.id, null, { via: 'sso', provider: provider.id, roles: roles.join(' ') }));
    return (await this.users.setRoles(user.id, roles)) ?? user;
  }
}
