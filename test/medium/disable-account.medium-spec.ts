import { DisableAccountFlow } from '@identsphere/auth';
import { UsersRepository } from '@identsphere/users';
import { uniqueEmail } from '../support/auth-factories';
import { aClient, linkWorks, liveSessionIds, pendingLink, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('DisableAccountFlow', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('marks the account disabled and revokes every session', async () => {
    const { user } = await registeredUser(m);
    await signedInSession(m, user);
    await signedInSession(m, user);

    await m.get(DisableAccountFlow).disable(user.id, { reason: 'offboarding' });

    expect((await m.get(UsersRepository).findById(user.id))?.disabledAt).toBeInstanceOf(Date);
    expect(await liveSessionIds(m, user.id)).toEqual([]);
  });

  it('voids every pending link, so none can act on the disabled account', async () => {
    const { user } = await registeredUser(m, { verified: false });
    const links = {
      'reset-password': await pendingLink(m, user, 'reset-password'),
      'verify-email': await pendingLink(m, user, 'verify-email'),
      'change-email': await pendingLink(m, user, 'change-email', uniqueEmail('new')),
    } as const;

    await m.get(DisableAccountFlow).disable(user.id, { reason: 'offboarding' });

    for (const [purpose, link] of Object.entries(links)) expect([purpose, await linkWorks(m, purpose as keyof typeof links, link)]).toEqual([purpose, false]);
  });

  it('records account_disabled with the reason, the operator client and the count of revoked sessions', async () => {
    const { user } = await registeredUser(m);
    await signedInSession(m, user);
    const operator = aClient();

    await m.get(DisableAccountFlow).disable(user.id, { reason: 'offboarding', by: operator });

    expect(m.audit.of(user.id)).toEqual([
      expect.objectContaining({ type: 'account_disabled', ip: operator.ip, detail: { reason: 'offboarding', sessions_revoked: '1' } }),
    ]);
    expect(m.mail.to(user.email)).toEqual([]);
  });

  it('refuses an unknown account and records nothing', async () => {
    const eventsBefore = m.audit.events.length;

    await expect(m.get(DisableAccountFlow).disable('00000000-0000-4000-8000-000000000000', { reason: 'typo' })).rejects.toMatchObject({ code: 'not_found' });

    expect(m.audit.events).toHaveLength(eventsBefore);
  });
});
