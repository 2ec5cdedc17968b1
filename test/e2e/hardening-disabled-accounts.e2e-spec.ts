import request from 'supertest';
import { DisableAccountFlow } from '@identsphere/auth';
import { storedEvents } from '../support/abuse-helpers';
import { AuthResult, bearer, dataSource, disableUser, expectProblem, login, randomId, refreshWithCookie, signup, strongPassword, uniqueEmail } from '../support/auth-factories';
import { confirmEmailChange, tokenOf, useMailApp } from '../support/mail-factories';

describe('a disabled account (users.disabled_at set)', () => {
  const mail = useMailApp();

  /** Every call an access token allows on the account: none may succeed once it is disabled. */
  async function expectAccessTokenRefused(s: AuthResult): Promise<void> {
    const auth = bearer(s.accessToken);
    expectProblem(await request(mail.t.server).get('/v1/me').set(auth), 401, 'unauthorized');
    expectProblem(await request(mail.t.server).patch('/v1/me').set(auth).send({ displayName: 'Mallory' }), 401, 'unauthorized');
    const passwordChange = { currentPassword: s.password, newPassword: strongPassword() };
    expectProblem(await request(mail.t.server).post('/v1/me/password').set(auth).send(passwordChange), 401, 'unauthorized');
    const emailChange = { newEmail: uniqueEmail('elsewhere'), password: s.password };
    expectProblem(await request(mail.t.server).post('/v1/me/email').set(auth).send(emailChange), 401, 'unauthorized');
  }

  it('refuses its existing access tokens with 401 unauthorized', async () => {
    const s = await signup(mail.t.server);
    await request(mail.t.server).get('/v1/me').set(bearer(s.accessToken)).expect(200);
    await disableUser(mail.t, s.user.id);

    await expectAccessTokenRefused(s);
  });

  describe('DisableAccountFlow.disable', () => {
    const disable = (userId: string) => mail.t.app.get(DisableAccountFlow).disable(userId, { reason: 'abuse report' });
    const liveSessions = async (userId: string) => (await dataSource(mail.t).query('SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [userId])) as unknown[];

    it('shuts out every session: access tokens 401, refresh refused, nothing left live', async () => {
      const s = await signup(mail.t.server);
      const other = await login(mail.t.server, { email: s.email, password: s.password });

      const disabled = await disable(s.user.id);

      expect(disabled.disabledAt).toBeInstanceOf(Date);
      await expectAccessTokenRefused(s);
      await expectAccessTokenRefused(other);
      expect(await liveSessions(s.user.id)).toEqual([]);
      expectProblem(await refreshWithCookie(mail.t.server, s.cookieHeader), 401, 'session_revoked');
      expectProblem(await request(mail.t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 403, 'account_disabled');
    });

    it('voids a pending email change and records account_disabled with its reason', async () => {
      const s = await signup(mail.t.server);
      const mailbox = uniqueEmail('pending');
      await request(mail.t.server).post('/v1/me/email').set(bearer(s.accessToken)).send({ newEmail: mailbox, password: s.password }).expect(202);
      const token = tokenOf(await mail.sink.waitForMail(mailbox, 'change-email'));

      await disable(s.user.id);

      const pending = await dataSource(mail.t).query('SELECT purpose FROM one_time_tokens WHERE user_id = $1', [s.user.id]);
      expect(pending).toEqual([]);
      expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
      const event = (await storedEvents(mail.t, s.user.id)).find((e) => e.type === 'account_disabled');
      expect(event?.detail).toMatchObject({ reason: 'abuse report', sessions_revoked: '1' });
    });

    it('refuses an unknown account with not_found', async () => {
      await expect(disable(randomId())).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
