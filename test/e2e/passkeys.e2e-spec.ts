import { decodeJwt } from 'jose';
import request from 'supertest';
import { AuthResult, BEARER_MODE, bearer, dataSource, expectProblem, HttpServer, refreshCookieOf, signup, startAuthApp } from '../support/auth-factories';
import { SoftAuthenticator } from '../support/soft-authenticator';
import type { TestApp } from '../support/test-app';
import { describePg } from '../support/test-database';

const ORIGIN = 'http://localhost:4000';
const WEBAUTHN_ENV = { IDENTSPHERE_PUBLIC_BASE_URL: ORIGIN };

const registrationOptions = (server: HttpServer, accessToken: string) => request(server).post('/v1/me/passkeys/options').set(bearer(accessToken));
const passwordlessOptions = (server: HttpServer) => request(server).post('/v1/auth/passkey/options');
const passkeySignIn = (server: HttpServer, assertion: unknown) => request(server).post('/v1/auth/passkey/verify').send(assertion as object);

/** Signs up and registers one passkey from a fresh login (a recent authentication satisfies step-up). */
async function userWithPasskey(server: HttpServer, options: { backedUp?: boolean } = {}): Promise<{ account: AuthResult; authenticator: SoftAuthenticator; passkeyId: string }> {
  const account = await signup(server, { mode: 'bearer' });
  const authenticator = new SoftAuthenticator(ORIGIN, options);
  const creation = await registrationOptions(server, account.accessToken).expect(200);
  const res = await request(server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send({ ...authenticator.register(creation.body), name: 'Test key' });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { account, authenticator, passkeyId: res.body.id };
}

/** A passwordless sign-in: a fresh, multi-factor authentication (what step-up asks of an account with a factor). */
async function passwordlessAccessToken(server: HttpServer, authenticator: SoftAuthenticator): Promise<string> {
  const options = await passwordlessOptions(server).expect(200);
  const res = await request(server).post('/v1/auth/passkey/verify').set(BEARER_MODE).send(authenticator.assert(options.body)).expect(200);
  return res.body.accessToken;
}

async function eventTypes(server: HttpServer, accessToken: string): Promise<string[]> {
  const res = await request(server).get('/v1/me/events').set(bearer(accessToken)).expect(200);
  return res.body.items.map((e: { type: string }) => e.type);
}

describe('passkeys (software authenticator, no browser)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startAuthApp({ env: WEBAUTHN_ENV });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers registration options for the account: discoverable credential required, existing passkeys excluded', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const res = await registrationOptions(t.server, await passwordlessAccessToken(t.server, authenticator)).expect(200);
    expect(res.body.rp).toEqual({ name: 'IdentSphere', id: 'localhost' });
    expect(res.body.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'preferred' });
    expect(res.body.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentialId]);
  });

  it('registers a passkey with the first recovery codes, lists it without key material, records mfa_enabled and mails the owner', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const creation = await registrationOptions(t.server, account.accessToken).expect(200);
    const res = await request(t.server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send({ ...authenticator.register(creation.body), name: 'Test key' }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.recoveryCodes).toHaveLength(10);
    const list = await request(t.server).get('/v1/me/passkeys').set(bearer(account.accessToken)).expect(200);
    expect(list.body.items).toEqual([{ id: res.body.id, name: 'Test key', createdAt: expect.any(String), lastUsedAt: null, backedUp: false }]);
    expect(await eventTypes(t.server, account.accessToken)).toContain('mfa_enabled');
    const mails = await dataSource(t).query(`SELECT kind FROM mail_outbox WHERE recipient = $1`, [account.email]);
    expect(mails.map((m: { kind: string }) => m.kind)).toContain('passkey-added');
  });

  it('issues no new recovery codes for a second passkey', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const accessToken = await passwordlessAccessToken(t.server, authenticator);
    const creation = await registrationOptions(t.server, accessToken).expect(200);
    const res = await request(t.server).post('/v1/me/passkeys').set(bearer(accessToken)).send(new SoftAuthenticator(ORIGIN).register(creation.body)).expect(201);
    expect(res.body).toMatchObject({ name: 'Passkey', recoveryCodes: [] });
  });

  it('asks a password-only session for step-up once the account has a passkey', async () => {
    const { account } = await userWithPasskey(t.server);
    expectProblem(await registrationOptions(t.server, account.accessToken), 403, 'step_up_required');
  });

  it('steps up with a passkey from step-up options, then may register another passkey', async () => {
    const { account, authenticator } = await userWithPasskey(t.server);
    const options = await request(t.server).post('/v1/auth/passkey/step-up-options').set(bearer(account.accessToken)).expect(200);
    expect(options.body.allowCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentialId]);
    const stepUp = await request(t.server).post('/v1/auth/step-up').set(bearer(account.accessToken)).send({ method: 'webauthn', assertion: authenticator.assert(options.body) }).expect(200);
    await registrationOptions(t.server, stepUp.body.accessToken).expect(200);
  });

  it('refuses a registration signed for another origin, and one whose challenge was never issued', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const creation = await registrationOptions(t.server, account.accessToken).expect(200);
    const foreign = authenticator.register(creation.body, { origin: 'https://evil.example' });
    expectProblem(await request(t.server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send(foreign), 400, 'passkey_invalid');
    const invented = authenticator.register({ ...creation.body, challenge: 'bm90LWlzc3VlZC1ieS10aGUtc2VydmVy' });
    expectProblem(await request(t.server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send(invented), 400, 'passkey_invalid');
  });

  it("refuses to register with another account's registration challenge", async () => {
    const victim = await signup(t.server, { mode: 'bearer' });
    const attacker = await signup(t.server, { mode: 'bearer' });
    const creation = await registrationOptions(t.server, victim.accessToken).expect(200);
    const response = new SoftAuthenticator(ORIGIN).register(creation.body);
    expectProblem(await request(t.server).post('/v1/me/passkeys').set(bearer(attacker.accessToken)).send(response), 400, 'passkey_invalid');
  });

  it('rejects a registration body that is not RegistrationResponseJSON', async () => {
    const account = await signup(t.server, { mode: 'bearer' });
    const res = await request(t.server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send({ id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'not base64url!' } });
    expectProblem(res, 400, 'validation_failed');
  });

  it('signs in passwordless in bearer mode: amr names the device-bound key plus mfa, acr is mfa', async () => {
    const { account, authenticator } = await userWithPasskey(t.server);
    const options = await passwordlessOptions(t.server).expect(200);
    expect(options.body.userVerification).toBe('required');
    expect(options.body.allowCredentials).toBeUndefined();
    const res = await request(t.server).post('/v1/auth/passkey/verify').set(BEARER_MODE).send(authenticator.assert(options.body)).expect(200);
    expect(res.body.user.id).toBe(account.user.id);
    expect(typeof res.body.refreshToken).toBe('string');
    expect(decodeJwt(res.body.accessToken)).toMatchObject({ sub: account.user.id, amr: ['hwk', 'mfa'], acr: 'mfa' });
  });

  it('signs in passwordless in cookie mode with a synced passkey: amr swk, refresh cookie set', async () => {
    const { authenticator } = await userWithPasskey(t.server, { backedUp: true });
    const options = await passwordlessOptions(t.server).expect(200);
    const res = await passkeySignIn(t.server, authenticator.assert(options.body)).expect(200);
    expect(refreshCookieOf(res)).toBeDefined();
    expect(res.body.refreshToken).toBeUndefined();
    expect(decodeJwt(res.body.accessToken).amr).toEqual(['swk', 'mfa']);
  });

  it('accepts each challenge once: a replayed assertion is rejected', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const options = await passwordlessOptions(t.server).expect(200);
    const assertion = authenticator.assert(options.body);
    await passkeySignIn(t.server, assertion).expect(200);
    expectProblem(await passkeySignIn(t.server, assertion), 401, 'passkey_rejected');
  });

  it('rejects an expired challenge', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const options = await passwordlessOptions(t.server).expect(200);
    await dataSource(t).query(`UPDATE webauthn_challenges SET expires_at = now() - interval '1 second' WHERE challenge = $1`, [options.body.challenge]);
    expectProblem(await passkeySignIn(t.server, authenticator.assert(options.body)), 401, 'passkey_rejected');
  });

  it('requires user verification for passwordless sign-in', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const options = await passwordlessOptions(t.server).expect(200);
    expectProblem(await passkeySignIn(t.server, authenticator.assert(options.body, { userVerified: false })), 401, 'passkey_rejected');
  });

  it('rejects a signature counter that goes backwards and records the failure', async () => {
    const { account, authenticator } = await userWithPasskey(t.server);
    await passkeySignIn(t.server, authenticator.assert((await passwordlessOptions(t.server).expect(200)).body, { counter: 7 })).expect(200);
    const cloned = authenticator.assert((await passwordlessOptions(t.server).expect(200)).body, { counter: 3 });
    expectProblem(await passkeySignIn(t.server, cloned), 401, 'passkey_rejected');
    const failures = await dataSource(t).query(`SELECT detail FROM security_events WHERE user_id = $1 AND type = 'login_failed'`, [account.user.id]);
    expect(failures.map((f: { detail: Record<string, string> }) => f.detail.reason)).toEqual(['passkey_counter_regressed']);
  });

  it('rejects a passkey that was never registered, and a tampered signature', async () => {
    const { authenticator } = await userWithPasskey(t.server);
    const stranger = new SoftAuthenticator(ORIGIN);
    expectProblem(await passkeySignIn(t.server, stranger.assert((await passwordlessOptions(t.server).expect(200)).body)), 401, 'passkey_rejected');
    const assertion = authenticator.assert((await passwordlessOptions(t.server).expect(200)).body);
    const tampered = { ...assertion, response: { ...assertion.response, signature: Buffer.from('not a signature').toString('base64url') } };
    expectProblem(await passkeySignIn(t.server, tampered), 401, 'passkey_rejected');
  });

  it('refuses a disabled account after a valid passkey', async () => {
    const { account, authenticator } = await userWithPasskey(t.server);
    await dataSource(t).query('UPDATE users SET disabled_at = now() WHERE id = $1', [account.user.id]);
    expectProblem(await passkeySignIn(t.server, authenticator.assert((await passwordlessOptions(t.server).expect(200)).body)), 403, 'account_disabled');
  });

  it('deletes a passkey (404 for another user\'s), records mfa_disabled and mails the owner', async () => {
    const { account, authenticator, passkeyId } = await userWithPasskey(t.server);
    const accessToken = await passwordlessAccessToken(t.server, authenticator);
    const other = await signup(t.server, { mode: 'bearer' });
    expectProblem(await request(t.server).delete(`/v1/me/passkeys/${passkeyId}`).set(bearer(other.accessToken)), 404, 'not_found');
    expectProblem(await request(t.server).delete('/v1/me/passkeys/not-a-uuid').set(bearer(accessToken)), 404, 'not_found');
    await request(t.server).delete(`/v1/me/passkeys/${passkeyId}`).set(bearer(accessToken)).expect(204);
    const list = await request(t.server).get('/v1/me/passkeys').set(bearer(accessToken)).expect(200);
    expect(list.body.items).toEqual([]);
    expect(await eventTypes(t.server, accessToken)).toEqual(expect.arrayContaining(['mfa_disabled', 'mfa_last_factor_removed']));
    expect((await request(t.server).get('/v1/me/mfa').set(bearer(accessToken)).expect(200)).body.recoveryCodesRemaining).toBe(0);
    const mails = await dataSource(t).query(`SELECT kind FROM mail_outbox WHERE recipient = $1`, [account.email]);
    expect(mails.map((m: { kind: string }) => m.kind)).toContain('factor-disabled');
  });

  it('rejects passkey options for an unknown mfaToken, and a null one as invalid input', async () => {
    expectProblem(await request(t.server).post('/v1/auth/passkey/options').send({ mfaToken: 'A'.repeat(43) }), 401, 'invalid_mfa_token');
    expectProblem(await request(t.server).post('/v1/auth/passkey/options').send({ mfaToken: null }), 400, 'validation_failed');
  });

  it('completes a password login with the passkey as the second factor', async () => {
    const { account, authenticator } = await userWithPasskey(t.server);
    const first = await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: account.email, password: account.password }).expect(200);
    expect(first.body).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['webauthn']) });
    const options = await request(t.server).post('/v1/auth/passkey/options').send({ mfaToken: first.body.mfaToken }).expect(200);
    expect(options.body.allowCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentialId]);
    const assertion = authenticator.assert(options.body);
    const done = await request(t.server).post('/v1/auth/mfa/verify').set(BEARER_MODE).send({ mfaToken: first.body.mfaToken, method: 'webauthn', assertion }).expect(200);
    expect(decodeJwt(done.body.accessToken)).toMatchObject({ sub: account.user.id, amr: ['pwd', 'hwk'], acr: 'mfa' });
  });

  it('does not let a passwordless challenge complete a second factor, nor another account\'s passkey', async () => {
    const { account } = await userWithPasskey(t.server);
    const intruder = await userWithPasskey(t.server);
    const first = await request(t.server).post('/v1/auth/login').set(BEARER_MODE).send({ email: account.email, password: account.password }).expect(200);
    await request(t.server).post('/v1/auth/passkey/options').send({ mfaToken: first.body.mfaToken }).expect(200);
    const usernameless = intruder.authenticator.assert((await passwordlessOptions(t.server).expect(200)).body);
    expectProblem(await request(t.server).post('/v1/auth/mfa/verify').send({ mfaToken: first.body.mfaToken, method: 'webauthn', assertion: usernameless }), 401, 'invalid_code');
  });
});

describe('passkey options throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startAuthApp({ env: { ...WEBAUTHN_ENV, IDENTSPHERE_IP_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts option requests per client IP: beyond the limit 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await passwordlessOptions(t.server).expect(200);
    const refused = await passwordlessOptions(t.server);
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describePg('needs real PostgreSQL (TEST_DATABASE_URL): a passkey ceremony begun on one instance finishes on another', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startAuthApp({ env: WEBAUTHN_ENV, listen: true });
    b = await startAuthApp({ env: WEBAUTHN_ENV, db: a.db, listen: true });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('registers with options from one instance and signs in with options from the other', async () => {
    const account = await signup(a.server, { mode: 'bearer' });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const creation = await registrationOptions(a.server, account.accessToken).expect(200);
    await request(b.server).post('/v1/me/passkeys').set(bearer(account.accessToken)).send(authenticator.register(creation.body)).expect(201);
    const options = await passwordlessOptions(b.server).expect(200);
    const res = await passkeySignIn(a.server, authenticator.assert(options.body)).expect(200);
    expect(res.body.user.id).toBe(account.user.id);
  });

  it('accepts one assertion sent to both instances at once exactly once', async () => {
    const account = await signup(a.baseUrl, { mode: 'bearer' });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const creation = await registrationOptions(a.baseUrl, account.accessToken).expect(200);
    await request(a.baseUrl).post('/v1/me/passkeys').set(bearer(account.accessToken)).send(authenticator.register(creation.body)).expect(201);
    const assertion = authenticator.assert((await passwordlessOptions(a.baseUrl).expect(200)).body);
    const answers = await Promise.all([passkeySignIn(a.baseUrl, assertion), passkeySignIn(b.baseUrl, assertion)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });
});
