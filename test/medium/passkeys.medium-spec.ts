import { PasskeyEnrolmentFlow, PasskeyRemovalFlow, PasskeySignInFlow, PasskeyStrategy } from '@identsphere/auth';
import type { Principal } from '@identsphere/common';
import { PasskeyAuthenticationService, RecoveryCodesService } from '@identsphere/factors';
import type { User } from '@identsphere/users';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { aClient, principalOf, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

// The medium module runs with the default public base URL: RP ID 'localhost', origin http://localhost:4000.
const ORIGIN = 'http://localhost:4000';

describe('passkey flows', () => {
  let m: MediumModule;
  beforeAll(async () => {
    m = await newMediumModule();
  });
  afterAll(() => m?.close());

  async function withPasskey(): Promise<{ user: User; email: string; principal: Principal; authenticator: SoftAuthenticator; passkeyId: string }> {
    const { user, email } = await registeredUser(m);
    const principal = principalOf(user, await signedInSession(m, user));
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = await m.get(PasskeyEnrolmentFlow).options(principal);
    const { passkey } = await m.get(PasskeyEnrolmentFlow).register(principal, authenticator.register(options), 'Laptop', aClient());
    return { user, email, principal, authenticator, passkeyId: passkey.id };
  }

  it('registering the first passkey hands out 10 recovery codes, records mfa_enabled and mails the owner', async () => {
    const { user, email } = await registeredUser(m);
    const principal = principalOf(user, await signedInSession(m, user));
    const options = await m.get(PasskeyEnrolmentFlow).options(principal);
    const registered = await m.get(PasskeyEnrolmentFlow).register(principal, new SoftAuthenticator(ORIGIN).register(options), undefined, aClient());
    expect(registered.recoveryCodes).toHaveLength(10);
    expect(registered.passkey).toMatchObject({ name: 'Passkey', backedUp: false, deviceType: 'singleDevice' });
    expect(m.audit.of(user.id, 'mfa_enabled')).toEqual([expect.objectContaining({ detail: { method: 'webauthn', factor_id: registered.passkey.id, recovery_codes_issued: '10' } })]);
    expect(m.mail.to(email)).toEqual([{ kind: 'passkey-added', to: email }]);
  });

  it('a refused registration keeps nothing, records nothing and mails nothing', async () => {
    const { user, email } = await registeredUser(m);
    const principal = principalOf(user, await signedInSession(m, user));
    const options = await m.get(PasskeyEnrolmentFlow).options(principal);
    const foreign = new SoftAuthenticator(ORIGIN).register(options, { origin: 'https://evil.example' });
    await expect(m.get(PasskeyEnrolmentFlow).register(principal, foreign, undefined, aClient())).rejects.toMatchObject({ code: 'passkey_invalid' });
    expect(await m.get(PasskeyEnrolmentFlow).list(principal)).toEqual([]);
    expect(await m.get(RecoveryCodesService).remaining(user.id)).toBe(0);
    expect(m.audit.typesOf(user.id)).toEqual([]);
    expect(m.mail.to(email)).toEqual([]);
  });

  it('removing the last passkey deletes the recovery codes, records both events and mails the owner', async () => {
    const { user, email, principal, passkeyId } = await withPasskey();
    await m.get(PasskeyRemovalFlow).remove(principal, passkeyId, aClient());
    expect(await m.get(RecoveryCodesService).remaining(user.id)).toBe(0);
    expect(m.audit.typesOf(user.id)).toEqual(['mfa_enabled', 'mfa_disabled', 'mfa_last_factor_removed']);
    expect(m.mail.to(email, 'factor-disabled')).toEqual([{ kind: 'factor-disabled', to: email, factor: 'webauthn', lastFactor: true }]);
  });

  it("removing another user's passkey is not_found and changes nothing", async () => {
    const owner = await withPasskey();
    const { user } = await registeredUser(m);
    const stranger = principalOf(user, await signedInSession(m, user));
    await expect(m.get(PasskeyRemovalFlow).remove(stranger, owner.passkeyId, aClient())).rejects.toMatchObject({ code: 'not_found' });
    expect(await m.get(PasskeyEnrolmentFlow).list(owner.principal)).toHaveLength(1);
  });

  it('the strategy proves hwk once per challenge, and refuses what is not an assertion', async () => {
    const { user, authenticator } = await withPasskey();
    const strategy = m.get(PasskeyStrategy);
    const options = await m.get(PasskeyAuthenticationService).options(user.id);
    const attempt = { userId: user.id, proof: { assertion: authenticator.assert(options) }, client: aClient() };
    expect(await strategy.verify(attempt)).toEqual({ ok: true, amr: ['hwk'], detail: { factor_id: expect.any(String) } });
    expect(await strategy.verify(attempt)).toEqual({ ok: false, reason: 'unknown_challenge' });
    expect(await strategy.verify({ ...attempt, proof: { assertion: 'not an assertion' } })).toEqual({ ok: false, reason: 'malformed_assertion' });
    expect(await strategy.isEnrolled(user.id)).toBe(true);
  });

  it("the strategy refuses another account's passkey for this account's challenge", async () => {
    const victim = await withPasskey();
    const intruder = await withPasskey();
    const options = await m.get(PasskeyAuthenticationService).options(victim.user.id);
    const verdict = await m.get(PasskeyStrategy).verify({ userId: victim.user.id, proof: { assertion: intruder.authenticator.assert(options) }, client: aClient() });
    expect(verdict).toEqual({ ok: false, reason: 'wrong_user' });
  });

  it('passwordless sign-in records login_succeeded with the method, and a cloned counter as login_failed', async () => {
    const { user, authenticator } = await withPasskey();
    const flow = m.get(PasskeySignInFlow);
    const signedIn = await flow.signIn(authenticator.assert(await flow.options(), { counter: 5 }), aClient());
    expect(signedIn.session.amr).toEqual(['hwk', 'mfa']);
    await expect(flow.signIn(authenticator.assert(await flow.options(), { counter: 5 }), aClient())).rejects.toMatchObject({ code: 'passkey_rejected' });
    expect(m.audit.of(user.id, 'login_succeeded')).toEqual([expect.objectContaining({ detail: { method: 'webauthn', factor_id: expect.any(String) } })]);
    expect(m.audit.of(user.id, 'login_failed')).toEqual([expect.objectContaining({ detail: { method: 'webauthn', reason: 'passkey_counter_regressed' } })]);
  });

  it('judges the counter only once the signature holds: a forged assertion raises no clone alarm', async () => {
    const { user, authenticator } = await withPasskey();
    const flow = m.get(PasskeySignInFlow);
    await flow.signIn(authenticator.assert(await flow.options(), { counter: 5 }), aClient());
    const replayed = authenticator.assert(await flow.options(), { counter: 5 });
    const signature = Buffer.from(replayed.response.signature, 'base64url');
    signature[signature.length - 1] ^= 0xff;
    const forged = { ...replayed, response: { ...replayed.response, signature: signature.toString('base64url') } };

    await expect(flow.signIn(forged, aClient())).rejects.toMatchObject({ code: 'passkey_rejected' });
    expect(m.audit.of(user.id, 'login_failed')).toEqual([expect.objectContaining({ detail: { method: 'webauthn', reason: 'passkey_signature_failed' } })]);
  });
});
