import { randomUUID } from 'node:crypto';
import type { NewUser, User, UserWithPasswordHash } from '../user';
import { UserErrors } from '../users.errors';
import { FindOptions, UsersRepository } from './users.repository';

/** The fake behind unit tests; kept honest by the same contract suite as the TypeORM adapter. */
export class InMemoryUsersRepository extends UsersRepository {
  private readonly rows = new Map<string, UserWithPasswordHash>();

  async create(user: NewUser): Promise<User> {
    if (this.emailInUse(user.email)) throw UserErrors.emailTaken();
    const row: UserWithPasswordHash = { id: randomUUID(), emailVerified: false, roles: [], disabledAt: null, disabledUntil: null, createdAt: new Date(), ...user };
    this.rows.set(row.id, row);
    return strip(row);
  }

  findById(id: string): Promise<User | null>;
  findById(id: string, options: { withPasswordHash: true }): Promise<UserWithPasswordHash | null>;
  async findById(id: string, options: FindOptions = {}): Promise<User | null> {
    const row = this.rows.get(id);
    return row ? (options.withPasswordHash ? { ...row } : strip(row)) : null;
  }

  findByEmail(email: string): Promise<User | null>;
  findByEmail(email: string, options: { withPasswordHash: true }): Promise<UserWithPasswordHash | null>;
  async findByEmail(email: string, options: FindOptions = {}): Promise<User | null> {
    const row = [...this.rows.values()].find((r) => r.email === email);
    return row ? (options.withPasswordHash ? { ...row } : strip(row)) : null;
  }

  async updateProfile(id: string, changes: { displayName: string | null }): Promise<User | null> {
    return this.patch(id, changes);
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    this.patch(id, { passwordHash });
  }

  async markEmailVerified(id: string): Promise<User | null> {
    return this.patch(id, { emailVerified: true });
  }

  async changeEmail(id: string, email: string): Promise<User | null> {
    if (this.emailInUse(email, id)) throw UserErrors.emailTaken();
    return this.patch(id, { email, emailVerified: true });
  }

  async markDisabled(id: string, until: Date | null = null): Promise<User | null> {
    const current = this.rows.get(id);
    const lapsed = current ? isLapsed(current) : false;
    return this.patch(id, { disabledAt: (!lapsed && current?.disabledAt) || new Date(), disabledUntil: until });
  }

  async markEnabled(id: string): Promise<User | null> {
    return this.patch(id, { disabledAt: null, disabledUntil: null });
  }

  async setRoles(id: string, roles: readonly string[]): Promise<User | null> {
    return this.patch(id, { roles: [...roles] });
  }

  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }

  async grantRole(id: string, role: string): Promise<User | null> {
    const row = this.rows.get(id);
    return row && !row.roles.includes(role) ? this.patch(id, { roles: [...row.roles, role] }) : null;
  }

  private emailInUse(email: string, exceptId?: string): boolean {
    return [...this.rows.values()].some((r) => r.email === email && r.id !== exceptId);
  }

  private patch(id: string, changes: Partial<UserWithPasswordHash>): User | null {
    const row = this.rows.get(id);
    if (!row) return null;
    const updated = { ...row, ...changes };
    this.rows.set(id, updated);
    return strip(updated);
  }
}

/** A temporary disable that has run out reads as enabled, as in the TypeORM adapter. */
const isLapsed = (row: User): boolean => row.disabledUntil !== null && row.disabledUntil.getTime() <= Date.now();

function strip(row: UserWithPasswordHash): User {
  const { passwordHash, ...user } = row;
  return isLapsed(user) ? { ...user, disabledAt: null, disabledUntil: null } : user;
}
