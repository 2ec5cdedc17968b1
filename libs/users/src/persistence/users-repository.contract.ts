import { randomUUID } from 'node:crypto';
import { isDomainError } from '@identsphere/common';
import { UsersRepository } from './users.repository';

/**
 * The behaviour every UsersRepository adapter must have. Run against the in-memory fake (unit) and the
 * TypeORM adapter on PostgreSQL (integration), so the fake cannot drift from reality.
 */
export function usersRepositoryContract(name: string, makeRepository: () => Promise<UsersRepository>): void {
  describe(`${name} (UsersRepository contract)`, () => {
    let repo: UsersRepository;
    const email = () => `user-${randomUUID()}@example.com`;
    beforeEach(async () => (repo = await makeRepository()));

    it('creates a user with defaults and finds it by id and email', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'hash-1', displayName: 'Ada' });
      expect(created).toMatchObject({ emailVerified: false, displayName: 'Ada', roles: [], disabledAt: null });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await repo.findById(created.id)).toEqual(created);
      expect(await repo.findByEmail(created.email)).toEqual(created);
    });

    it('returns the password hash only when asked', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'hash-2', displayName: null });
      expect(await repo.findById(created.id)).not.toHaveProperty('passwordHash');
      expect(await repo.findByEmail(created.email, { withPasswordHash: true })).toMatchObject({ passwordHash: 'hash-2' });
      expect(await repo.findById(created.id, { withPasswordHash: true })).toMatchObject({ passwordHash: 'hash-2' });
    });

    it('refuses a second account with the same email as email_taken', async () => {
      const address = email();
      await repo.create({ email: address, passwordHash: 'h', displayName: null });
      const error = await repo.create({ email: address, passwordHash: 'h', displayName: null }).catch((e) => e);
      expect(isDomainError(error) && error.code).toBe('email_taken');
    });

    it('updates the profile and the password hash', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'old', displayName: null });
      expect(await repo.updateProfile(created.id, { displayName: 'Grace' })).toMatchObject({ id: created.id, displayName: 'Grace' });
      await repo.updatePasswordHash(created.id, 'new');
      expect(await repo.findById(created.id, { withPasswordHash: true })).toMatchObject({ passwordHash: 'new', displayName: 'Grace' });
    });

    it('verifies and changes the email, refusing one that another account has', async () => {
      const a = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      const b = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      expect(await repo.markEmailVerified(a.id)).toMatchObject({ emailVerified: true });
      const newAddress = email();
      expect(await repo.changeEmail(a.id, newAddress)).toMatchObject({ email: newAddress, emailVerified: true });
      const error = await repo.changeEmail(b.id, newAddress).catch((e) => e);
      expect(isDomainError(error) && error.code).toBe('email_taken');
    });

    it('disables a user once, keeping the first moment, and answers null for an unknown id', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      const disabled = await repo.markDisabled(created.id);
      expect(disabled?.disabledAt).toBeInstanceOf(Date);
      expect((await repo.markDisabled(created.id))?.disabledAt).toEqual(disabled?.disabledAt);
      expect((await repo.findById(created.id))?.disabledAt).toEqual(disabled?.disabledAt);
      expect(await repo.markDisabled(randomUUID())).toBeNull();
    });

    it('disables until a moment, reads as enabled once it has passed, and enables again', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      const until = new Date(Date.now() + 3_600_000);
      const disabled = await repo.markDisabled(created.id, until);
      expect(disabled?.disabledUntil?.getTime()).toBe(until.getTime());
      expect((await repo.findById(created.id))?.disabledAt).toBeInstanceOf(Date);
      await repo.markDisabled(created.id, new Date(Date.now() - 1000));
      expect(await repo.findById(created.id)).toMatchObject({ disabledAt: null, disabledUntil: null });
      await repo.markDisabled(created.id);
      expect((await repo.markEnabled(created.id))?.disabledAt).toBeNull();
      expect(await repo.findById(created.id)).toMatchObject({ disabledAt: null, disabledUntil: null });
      expect(await repo.markEnabled(randomUUID())).toBeNull();
    });

    it('replaces the roles of a user', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      expect((await repo.setRoles(created.id, ['admin', 'support']))?.roles).toEqual(['admin', 'support']);
      expect((await repo.findById(created.id))?.roles).toEqual(['admin', 'support']);
      expect((await repo.setRoles(created.id, []))?.roles).toEqual([]);
      expect(await repo.setRoles(randomUUID(), ['admin'])).toBeNull();
    });

    it('grants a role once: a second grant and an unknown id answer null', async () => {
      const created = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      expect(await repo.grantRole(created.id, 'admin')).toMatchObject({ id: created.id, roles: ['admin'] });
      expect(await repo.grantRole(created.id, 'admin')).toBeNull();
      expect(await repo.grantRole(created.id, 'auditor')).toMatchObject({ roles: ['admin', 'auditor'] });
      expect((await repo.findById(created.id))?.roles).toEqual(['admin', 'auditor']);
      expect(await repo.grantRole(randomUUID(), 'admin')).toBeNull();
    });

    it('answers null for unknown ids and deletes users', async () => {
      expect(await repo.findById(randomUUID())).toBeNull();
      expect(await repo.updateProfile(randomUUID(), { displayName: 'x' })).toBeNull();
      const created = await repo.create({ email: email(), passwordHash: 'h', displayName: null });
      expect(await repo.delete(created.id)).toBe(true);
      expect(await repo.delete(created.id)).toBe(false);
      expect(await repo.findByEmail(created.email)).toBeNull();
    });
  });
}
