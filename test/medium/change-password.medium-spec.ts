import { ChangePasswordFlow } from '@identsphere/auth';
import { PasswordHasher } from '@identsphere/crypto';
import { UsersRepository } from '@identsphere/users';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { aClient, linkWorks, liveSessionIds, pendingLink, principalOf, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('ChangePasswordFlow', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('puts the new password in force and revokes every other session, keeping the caller signed in', async () => {
    const { user, password } = await registeredUser(m);
    const current = await signedInSession(m, user);
    await signedInSession(m, user);
    const newPassword = strongPassword();

    await m.get(ChangePasswordFlow).changePassword(principalOf(user, current), password, newPassword, aClient());

    expect(await liveSessionIds(m, user.id)).toEqual([current.session.id]);
    const stored = await m.get(UsersRepository).findById(user.id, { withPasswordHash: true });
    expect((await m.get(PasswordHasher).verify(stored!.passwordHash, newPassword)).ok).toBe(true);
  });

  it('voids pending reset, verification and address-change links', async () => {
    const { user, password } = await registeredUser(m, { verified: false });
    const session = await signedInSession(m, user);
    const reset = await pendingLink(m, user, 'reset-password');
    const verify = await pendingLink(m, user, 'verify-email');
    const addressChange = await pendingLink(m, user, 'change-email', uniqueEmail('new'));

    await m.get(ChangePasswordFlow).changePassword(principalOf(user, session), password, strongPassword(), aClient());

    expect(await linkWorks(m, 'reset-password', reset)).toBe(false);
    expect(await linkWorks(m, 'verify-email', verify)).toBe(false);
    expect(await linkWorks(m, 'change-email', addressChange)).toBe(false);
  });

  it('mails the owner a password-changed notice and records the change with the count of revoked sessions', async () => {
    const { user, email, password } = await registeredUser(m);
    const session = await signedInSession(m, user);
    await signedInSession(m, user);
    const client = aClient();

    await m.get(ChangePasswordFlow).changePassword(principalOf(user, session), password, strongPassword(), client);

    expect(m.mail.to(email)).toEqual([{ kind: 'password-changed', to: email }]);
    expect(m.audit.of(user.id)).toEqual([
      expect.objectContaining({ type: 'password_changed', sessionId: session.session.id, ip: client.ip, detail: { sessions_revoked: '1' } }),
    ]);
  });

  it('changes nothing when the current password is wrong: sessions, links, mail and events stay as they were', async () => {
    const { user, email } = await registeredUser(m);
    const session = await signedInSession(m, user);
    const other = await signedInSession(m, user);
    const reset = await pendingLink(m, user, 'reset-password');

    await expect(m.get(ChangePasswordFlow).changePassword(principalOf(user, session), strongPassword(), strongPassword(), aClient())).rejects.toMatchObject({
      code: 'invalid_credentials',
    });

    expect((await liveSessionIds(m, user.id)).sort()).toEqual([session.session.id, other.session.id].sort());
    expect(await linkWorks(m, 'reset-password', reset)).toBe(true);
    expect(m.mail.to(email)).toEqual([]);
    expect(m.audit.of(user.id)).toEqual([]);
  });
});
