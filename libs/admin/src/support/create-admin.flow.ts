import { Injectable } from '@nestjs/common';
import { BootstrapAdmin, flowEvent, FlowOutcome } from '@identsphere/auth';
import { PasswordHasher, PasswordPolicy, randomToken } from '@identsphere/crypto';
import { TransactionHost } from '@identsphere/database';
import { isPlainMailbox, normalizeEmail, User, UsersRepository } from '@identsphere/users';
import { CLI_ACTOR } from './admin-actor';
import { ResetLink, ResetLinkIssuer } from './reset-link-issuer';
import { SupportActionRunner } from './support-action-runner';

/**
 * How the admin gets in: a password (policy-checked and hashed like signup; used only to create the account)
 * and/or a one-time set-password link. A new account needs one of them.
 */
export interface AdminCredential {
  readonly password?: string;
  readonly link?: boolean;
}

export interface CreatedAdmin {
  readonly user: User;
  /** False when the account existed already (its password and verification state are left as they were). */
  readonly created: boolean;
  /** False when the account held the admin role already (nothing changed: the command is idempotent). */
  readonly granted: boolean;
  /** Only when asked for with `{ link: true }`: shown once to the operator. */
  readonly link: ResetLink | null;
}

/**
 * `cli.js admin create`: makes the account with this address an administrator. A new account is created with
 * its address verified (the operator vouches for it) and the admin role; an existing one only gets the role.
 * Audited (`signup`, `roles_changed`, `password_reset_link_created`, with `via: cli` and the actor `cli`).
 */
@Injectable()
export class CreateAdminFlow {
  constructor(
    private readonly users: UsersRepository,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly bootstrapAdmin: BootstrapAdmin,
    private readonly links: ResetLinkIssuer,
    private readonly runner: SupportActionRunner,
    private readonly tx: TransactionHost,
  ) {}

  /** Null when the address is not one the service accepts for an account. */
  static normalizedEmail(input: string): string | null {
    const email = normalizeEmail(input);
    return isPlainMailbox(email) && email.length <= 254 ? email : null;
  }

  /** Whether a password is needed: only to create an account that does not exist yet. */
  async exists(email: string): Promise<boolean> {
    return (await this.users.findByEmail(email)) !== null;
  }

  async create(email: string, credential: AdminCredential): Promise<CreatedAdmin> {
    const existing = await this.users.findByEmail(email);
    // Hash before the transaction opens: a connection is never held while waiting for Argon2.
    const passwordHash = existing ? null : await this.hashFor(email, credential);
    return this.tx.run(async () => {
      const outcomes: FlowOutcome[] = [];
      const user = existing ?? (await this.createVerified(email, passwordHash as string));
      if (!existing) outcomes.push(flowEvent('signup', user.id, null, { via: 'cli' }));
      const granted = await this.bootstrapAdmin.grant(user.id, 'cli', undefined, CLI_ACTOR.actorId);
      const link = credential.link ? await this.links.issue(user) : null;
      if (link) outcomes.push(flowEvent('password_reset_link_created', user.id, null, { via: 'cli', expires_at: link.expiresAt.toISOString() }));
      await this.runner.record('create_admin', CLI_ACTOR, { outcomes, tookEffect: !existing || granted !== null });
      return { user: granted ?? user, created: !existing, granted: granted !== null, link };
    });
  }

  /** With a link, the account starts with a random password nobody knows, so only the link opens it. */
  private async hashFor(email: string, { password, link }: AdminCredential): Promise<string> {
    if (password !== undefined) {
      this.policy.assertAcceptable(password, { email });
      return this.hasher.hash(password);
    }
    if (!link) throw new Error('a new administrator account needs a password or a set-password link');
    return this.hasher.hash(randomToken(32));
  }

  /** The operator vouches for the address: the account starts verified. */
  private async createVerified(email: string, passwordHash: string): Promise<User> {
    const created = await this.users.create({ email, passwordHash, displayName: null });
    return (await this.users.markEmailVerified(created.id)) ?? { ...created, emailVerified: true };
  }
}
