import { SignupFlow } from '@identsphere/auth';
import { SessionsService } from '@identsphere/sessions';
import { UsersRepository } from '@identsphere/users';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { aClient, liveSessionIds } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('SignupFlow', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('creates the account, queues its verification mail and records the signup, with a session', async () => {
    const email = uniqueEmail();
    const client = aClient();

    const result = await m.get(SignupFlow).signup({ email, password: strongPassword(), displayName: 'Ada' }, client);

    if (result.kind !== 'signed-in') throw new Error(`expected a session, got ${result.kind}`);
    const stored = await m.get(UsersRepository).findByEmail(email);
    expect(stored).toMatchObject({ id: result.signedIn.user.id, emailVerified: false, displayName: 'Ada' });
    expect(m.mail.to(email).map((mail) => mail.kind)).toEqual(['verify-email']);
    expect(m.audit.of(stored!.id)).toEqual([expect.objectContaining({ type: 'signup', sessionId: result.signedIn.session.id, ip: client.ip })]);
    expect(await liveSessionIds(m, stored!.id)).toEqual([result.signedIn.session.id]);
  });

  it('leaves nothing behind when the address is taken: no second account, mail or event', async () => {
    const email = uniqueEmail();
    await m.get(SignupFlow).signup({ email, password: strongPassword() }, aClient());
    const mailsBefore = m.mail.sent.length;
    const eventsBefore = m.audit.events.length;

    await expect(m.get(SignupFlow).signup({ email, password: strongPassword() }, aClient())).rejects.toMatchObject({ code: 'email_taken' });

    expect(m.mail.sent).toHaveLength(mailsBefore);
    expect(m.audit.events).toHaveLength(eventsBefore);
  });
});

describe('SignupFlow with IDENTSPHERE_REQUIRE_VERIFIED_EMAIL', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule({ env: { IDENTSPHERE_REQUIRE_VERIFIED_EMAIL: 'true' } })));
  afterAll(() => m?.close());

  it('creates the account and mails the verification link, but starts no session', async () => {
    const email = uniqueEmail();

    const result = await m.get(SignupFlow).signup({ email, password: strongPassword() }, aClient());

    expect(result.kind).toBe('verification-pending');
    const stored = await m.get(UsersRepository).findByEmail(email);
    expect(await m.get(SessionsService).list(stored!.id)).toEqual([]);
    expect(m.mail.to(email, 'verify-email')).toHaveLength(1);
    expect(m.audit.of(stored!.id)).toEqual([expect.objectContaining({ type: 'signup', sessionId: null })]);
  });
});
