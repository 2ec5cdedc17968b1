import request from 'supertest';
import { AuthResult, bearer, dataSource, expectProblem, login, signup, strongPassword, uniqueEmail } from '../support/auth-factories';
import { confirmEmailChange, confirmVerification, forgotPassword, resetPassword, tokenOf, useMailApp } from '../support/mail-factories';

/**
 * Someone with a phished password signs in and asks to move the account to their own mailbox. Whatever
 * the owner does to take the account back must also kill that pending change.
 */
describe('a pending email change cannot outlive the owner taking the account back', () => {
  const mail = useMailApp();

  const me = (accessToken: string) => request(mail.t.server).get('/v1/me').set(bearer(accessToken));

  /** The owner signs up; the attacker signs in with the same password and asks for a move to their mailbox. */
  async function attackerRequestsMove(): Promise<{ owner: AuthResult; attacker: AuthResult; token: string }> {
    const owner = await signup(mail.t.server);
    const attacker = await login(mail.t.server, { email: owner.email, password: owner.password });
    const mailbox = uniqueEmail('attacker');
    await request(mail.t.server).post('/v1/me/email').set(bearer(attacker.accessToken)).send({ newEmail: mailbox, password: owner.password }).expect(202);
    return { owner, attacker, token: tokenOf(await mail.sink.waitForMail(mailbox, 'change-email')) };
  }

  /** The purposes of the user's outstanding links: voiding must remove them, not merely outlive the session. */
  const outstandingGrants = async (userId: string) =>
    ((await dataSource(mail.t).query('SELECT purpose FROM one_time_tokens WHERE user_id = $1 ORDER BY purpose', [userId])) as Array<{ purpose: string }>).map((r) => r.purpose);

  async function expectEmailUnchanged(owner: AuthResult, password: string): Promise<void> {
    const signedIn = await login(mail.t.server, { email: owner.email, password });
    expect((await me(signedIn.accessToken).expect(200)).body.email).toBe(owner.email);
  }

  it('refuses the change-email link after the owner resets the password', async () => {
    const { owner, token } = await attackerRequestsMove();
    await forgotPassword(mail.t.server, owner.email).expect(202);
    const newPassword = strongPassword();
    await resetPassword(mail.t.server, tokenOf(await mail.sink.waitForMail(owner.email, 'reset-password')), newPassword).expect(204);
    expect(await outstandingGrants(owner.user.id)).toEqual([]);

    expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
    await expectEmailUnchanged(owner, newPassword);
  });

  it('refuses the change-email link after the owner changes the password', async () => {
    const { owner, token } = await attackerRequestsMove();
    const newPassword = strongPassword();
    await request(mail.t.server).post('/v1/me/password').set(bearer(owner.accessToken)).send({ currentPassword: owner.password, newPassword }).expect(204);
    expect(await outstandingGrants(owner.user.id)).toEqual([]);

    expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
    await expectEmailUnchanged(owner, newPassword);
  });

  it('refuses the change-email link after the owner logs out everywhere', async () => {
    const { owner, token } = await attackerRequestsMove();
    await request(mail.t.server).post('/v1/auth/logout-all').set(bearer(owner.accessToken)).expect(204);
    expect(await outstandingGrants(owner.user.id)).toEqual([]);

    expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
    await expectEmailUnchanged(owner, owner.password);
  });

  it('refuses the change-email link once the session that asked for it is revoked', async () => {
    const { owner, attacker, token } = await attackerRequestsMove();
    await request(mail.t.server).delete(`/v1/me/sessions/${attacker.sessionId}`).set(bearer(owner.accessToken)).expect(204);

    expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
    expect((await me(owner.accessToken).expect(200)).body.email).toBe(owner.email);
  });

  it('refuses the change-email link once the session that asked for it has expired', async () => {
    const { owner, attacker, token } = await attackerRequestsMove();
    await dataSource(mail.t).query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [attacker.sessionId]);

    expectProblem(await confirmEmailChange(mail.t.server, token), 400, 'invalid_token');
    expect((await me(owner.accessToken).expect(200)).body.email).toBe(owner.email);
  });

  it('still confirms while the requesting session lives', async () => {
    const { owner, attacker, token } = await attackerRequestsMove();
    const confirmed = await confirmEmailChange(mail.t.server, token).expect(200);
    expect(confirmed.body.id).toBe(owner.user.id);
    expect((await me(attacker.accessToken).expect(200)).body.email).toBe(confirmed.body.email);
  });

  it('warns the old address at request time, naming the new one only masked', async () => {
    const owner = await signup(mail.t.server);
    const mailbox = uniqueEmail('attacker');
    await request(mail.t.server).post('/v1/me/email').set(bearer(owner.accessToken)).send({ newEmail: mailbox, password: owner.password }).expect(202);

    const notice = await mail.sink.waitForMail(owner.email, 'email-change-requested');
    expect(notice.text).toContain(`${mailbox[0]}…@`);
    expect(notice.text).not.toContain(mailbox);
    expect(notice.html).not.toContain(mailbox);
    // The account has not moved: the notice comes before any confirmation.
    expect((await me(owner.accessToken).expect(200)).body.email).toBe(owner.email);
  });

  it('voids an outstanding verification link when the password changes', async () => {
    const owner = await signup(mail.t.server);
    const verifyToken = tokenOf(await mail.sink.waitForMail(owner.email, 'verify-email'));
    await request(mail.t.server).post('/v1/me/password').set(bearer(owner.accessToken)).send({ currentPassword: owner.password, newPassword: strongPassword() }).expect(204);

    expectProblem(await confirmVerification(mail.t.server, verifyToken), 400, 'invalid_token');
  });
});
