import request from 'supertest';
import { bearer, expectProblem, login, refreshWithCookie, rotated, signup, uniqueEmail } from '../support/auth-factories';
import { confirmEmailChange, outboxRowsFor, tokenOf, useMailApp } from '../support/mail-factories';

describe('email change', () => {
  const mail = useMailApp();

  const requestChange = (accessToken: string, newEmail: string, password: string) =>
    request(mail.t.server).post('/v1/me/email').set(bearer(accessToken)).send({ newEmail, password });

  it('mails the new address; confirming moves the account, keeps its sessions and notifies the old address', async () => {
    const s = await signup(mail.t.server);
    const newEmail = uniqueEmail('moved');
    const res = await requestChange(s.accessToken, newEmail.toUpperCase(), s.password).expect(202);
    expect(res.text).toBe('');
    // Nothing changes until the new address confirms.
    expect((await request(mail.t.server).get('/v1/me').set(bearer(s.accessToken)).expect(200)).body.email).toBe(s.email);

    const token = tokenOf(await mail.sink.waitForMail(newEmail, 'change-email'));
    const confirmed = await confirmEmailChange(mail.t.server, token).expect(200);
    expect(confirmed.body).toMatchObject({ id: s.user.id, email: newEmail, emailVerified: true });
    await mail.sink.waitForMail(s.email, 'email-changed');

    expect((await request(mail.t.server).get('/v1/me').set(bearer(s.accessToken)).expect(200)).body.email).toBe(newEmail);
    const events = (await request(mail.t.server).get('/v1/me/events').set(bearer(s.accessToken)).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('email_changed');
    rotated(await refreshWithCookie(mail.t.server, s.cookieHeader));
    await login(mail.t.server, { email: newEmail, password: s.password });
    expectProblem(await request(mail.t.server).post('/v1/auth/login').send({ email: s.email, password: s.password }), 401, 'invalid_credentials');
  });

  it('refuses a wrong password with 401 invalid_credentials and mails nothing', async () => {
    const s = await signup(mail.t.server);
    const newEmail = uniqueEmail('moved');
    expectProblem(await requestChange(s.accessToken, newEmail, `${s.password}-wrong`), 401, 'invalid_credentials');
    expect(await outboxRowsFor(mail.t, newEmail)).toEqual([]);
  });

  it('refuses an address that an account already has with 409 email_taken', async () => {
    const s = await signup(mail.t.server);
    const other = await signup(mail.t.server);
    expectProblem(await requestChange(s.accessToken, other.email, s.password), 409, 'email_taken');
    expectProblem(await requestChange(s.accessToken, s.email, s.password), 409, 'email_taken');
  });

  it('checks email_taken again at confirmation and then changes nothing', async () => {
    const s = await signup(mail.t.server);
    const newEmail = uniqueEmail('contested');
    await requestChange(s.accessToken, newEmail, s.password).expect(202);
    const token = tokenOf(await mail.sink.waitForMail(newEmail, 'change-email'));
    await signup(mail.t.server, { email: newEmail });
    expectProblem(await confirmEmailChange(mail.t.server, token), 409, 'email_taken');
    expect((await request(mail.t.server).get('/v1/me').set(bearer(s.accessToken)).expect(200)).body.email).toBe(s.email);
  });

  it('accepts a link only once, and only its newest one', async () => {
    const s = await signup(mail.t.server);
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    await requestChange(s.accessToken, first, s.password).expect(202);
    const firstToken = tokenOf(await mail.sink.waitForMail(first, 'change-email'));
    await requestChange(s.accessToken, second, s.password).expect(202);
    const secondToken = tokenOf(await mail.sink.waitForMail(second, 'change-email'));
    expectProblem(await confirmEmailChange(mail.t.server, firstToken), 400, 'invalid_token');
    await confirmEmailChange(mail.t.server, secondToken).expect(200);
    expectProblem(await confirmEmailChange(mail.t.server, secondToken), 400, 'invalid_token');
  });

  it('requires an access token, and a valid body', async () => {
    expectProblem(await request(mail.t.server).post('/v1/me/email').send({ newEmail: uniqueEmail(), password: 'x' }), 401, 'unauthorized');
    const s = await signup(mail.t.server);
    expectProblem(await requestChange(s.accessToken, 'not-an-email', s.password), 400, 'validation_failed');
  });
});
