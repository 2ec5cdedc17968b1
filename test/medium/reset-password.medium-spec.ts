import { ResetPasswordFlow } from '@identsphere/auth';
import { UsersRepository } from '@identsphere/users';
import { strongPassword } from '../support/auth-factories';
import { aClient, linkWorks, liveSessionIds, lockedOutOfLogin, loginAdmitted, pendingLink, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('ResetPasswordFlow', () => {
  let m: MediumModule;
  // A low failure cap, so a test locks an account in three attempts.
  beforeAll(async () => (m = await newMediumModule({ env: { IDENTSPHERE_LOGIN_MAX_FAILURES: '3' } })));
  afterAll(() => m?.close());

  it('uses the link up and ends every session of the account', async () => {
    const { user } = await registeredUser(m);
    await signedInSession(m, user);
    await signedInSession(m, user);
    const link = await pendingLink(m, user, 'reset-password');

    await m.get(ResetPasswordFlow).reset(link, strongPassword(), aClient());

    expect(await linkWorks(m, 'reset-password', link)).toBe(false);
    expect(await liveSessionIds(m, user.id)).toEqual([]);
  });

  it('mails the password-changed notice, records the reset and vouches for the address', async () => {
    const { user, email } = await registeredUser(m, { verified: false });
    const link = await pendingLink(m, user, 'reset-password');
    const client = aClient();

    await m.get(ResetPasswordFlow).reset(link, strongPassword(), client);

    expect(m.mail.to(email)).toEqual([{ kind: 'password-changed', to: email }]);
    expect(m.audit.of(user.id)).toEqual([expect.objectContaining({ type: 'password_reset', ip: client.ip })]);
    expect((await m.get(UsersRepository).findById(user.id))?.emailVerified).toBe(true);
  });

  it('lifts the login lock of the account', async () => {
    const { user, email } = await registeredUser(m);
    await lockedOutOfLogin(m, email);
    const link = await pendingLink(m, user, 'reset-password');

    await m.get(ResetPasswordFlow).reset(link, strongPassword(), aClient());

    expect(await loginAdmitted(m, email)).toBe(true);
  });

  it('refuses a spent link without touching sessions, mail or events', async () => {
    const { user, email } = await registeredUser(m);
    const link = await pendingLink(m, user, 'reset-password');
    await m.get(ResetPasswordFlow).reset(link, strongPassword(), aClient());
    const session = await signedInSession(m, user);

    await expect(m.get(ResetPasswordFlow).reset(link, strongPassword(), aClient())).rejects.toMatchObject({ code: 'invalid_token' });

    expect(await liveSessionIds(m, user.id)).toEqual([session.session.id]);
    expect(m.mail.to(email)).toHaveLength(1);
    expect(m.audit.typesOf(user.id)).toEqual(['password_reset']);
  });
});
