import { DisableTotpFlow, EnrolTotpFlow, RecoveryCodeStrategy, RegenerateRecoveryCodesFlow, TotpStrategy } from '@identsphere/auth';
import type { User } from '@identsphere/users';
import { FactorsClock, RecoveryCodesService, TotpService } from '@identsphere/factors';
import { aClient, principalOf, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';
import { totpCode } from '../support/totp';

const NOW = 1_900_000_005;

describe('second-factor flows: authenticator app and recovery codes', () => {
  let m: MediumModule;
  beforeAll(async () => {
    m = await newMediumModule();
    jest.spyOn(m.get(FactorsClock), 'nowSeconds').mockReturnValue(NOW);
  });
  afterAll(() => m?.close());

  async function withTotp(): Promise<{ user: User; email: string; secret: string; codes: string[]; principal: ReturnType<typeof principalOf> }> {
    const { user, email } = await registeredUser(m);
    const principal = principalOf(user, await signedInSession(m, user));
    const { secret } = await m.get(EnrolTotpFlow).begin(principal);
    const codes = await m.get(EnrolTotpFlow).confirm(principal, totpCode(secret, NOW), aClient());
    return { user, email, secret, codes, principal };
  }

  it('confirming the first factor hands out 10 recovery codes, records mfa_enabled and mails the owner', async () => {
    const { user, email, codes } = await withTotp();
    expect(codes).toHaveLength(10);
    expect(m.audit.of(user.id, 'mfa_enabled')).toEqual([expect.objectContaining({ detail: { method: 'totp', recovery_codes_issued: '10' } })]);
    expect(m.mail.to(email)).toEqual([{ kind: 'totp-enabled', to: email }]);
  });

  it('a wrong confirmation code activates nothing and records nothing', async () => {
    const { user, email } = await registeredUser(m);
    const principal = principalOf(user, await signedInSession(m, user));
    const { secret } = await m.get(EnrolTotpFlow).begin(principal);
    const wrong = totpCode(secret, NOW + 120);
    await expect(m.get(EnrolTotpFlow).confirm(principal, wrong, aClient())).rejects.toMatchObject({ code: 'invalid_totp_code' });
    expect(await m.get(TotpService).isActive(user.id)).toBe(false);
    expect(await m.get(RecoveryCodesService).remaining(user.id)).toBe(0);
    expect(m.audit.typesOf(user.id)).toEqual([]);
    expect(m.mail.to(email)).toEqual([]);
  });

  it('removing the last factor deletes the recovery codes, records both events and mails the owner', async () => {
    const { user, email, principal } = await withTotp();
    await m.get(DisableTotpFlow).disable(principal, aClient());
    expect(await m.get(RecoveryCodesService).remaining(user.id)).toBe(0);
    expect(m.audit.typesOf(user.id)).toEqual(['mfa_enabled', 'mfa_disabled', 'mfa_last_factor_removed']);
    expect(m.mail.to(email, 'factor-disabled')).toEqual([{ kind: 'factor-disabled', to: email, factor: 'totp', lastFactor: true }]);
  });

  it('a recovery code proves the second factor once, and its use is recorded and mailed with what remains', async () => {
    const { user, email, codes } = await withTotp();
    const attempt = { userId: user.id, proof: { code: codes[4] }, client: aClient() };
    expect(await m.get(RecoveryCodeStrategy).verify(attempt)).toEqual({ ok: true, detail: { remaining: '9' } });
    expect(await m.get(RecoveryCodeStrategy).verify(attempt)).toEqual({ ok: false, reason: 'wrong_code' });
    expect(m.audit.of(user.id, 'recovery_code_used')).toEqual([expect.objectContaining({ detail: { remaining: '9' } })]);
    expect(m.mail.to(email, 'recovery-code-used')).toEqual([{ kind: 'recovery-code-used', to: email, remaining: 9 }]);
  });

  it('the TOTP strategy tells a replayed code from a wrong one', async () => {
    const { user, secret } = await withTotp();
    const strategy = m.get(TotpStrategy);
    const attempt = (code: string) => ({ userId: user.id, proof: { code }, client: aClient() });
    expect(await strategy.verify(attempt(totpCode(secret, NOW)))).toEqual({ ok: false, reason: 'replayed_code' });
    expect(await strategy.verify(attempt(totpCode(secret, NOW + 30)))).toEqual({ ok: true });
    expect(await strategy.verify(attempt('000000' === totpCode(secret, NOW) ? '000001' : '000000'))).toEqual({ ok: false, reason: 'wrong_code' });
  });

  it('of five concurrent checks of one TOTP code or one recovery code, exactly one passes', async () => {
    const { user, secret, codes } = await withTotp();
    const totpChecks = await Promise.all(Array.from({ length: 5 }, () => m.get(TotpService).verify(user.id, totpCode(secret, NOW + 30))));
    expect(totpChecks.sort()).toEqual(['ok', 'replayed_code', 'replayed_code', 'replayed_code', 'replayed_code']);
    const codeUses = await Promise.all(Array.from({ length: 5 }, () => m.get(RecoveryCodesService).use(user.id, codes[0])));
    expect(codeUses.filter((use) => use.ok)).toHaveLength(1);
  });

  it('regenerating replaces every code and is recorded and mailed; without a factor it is refused', async () => {
    const { user, email, codes, principal } = await withTotp();
    const fresh = await m.get(RegenerateRecoveryCodesFlow).regenerate(principal, aClient());
    expect(fresh.filter((c) => codes.includes(c))).toEqual([]);
    expect((await m.get(RecoveryCodesService).use(user.id, codes[0])).ok).toBe(false);
    expect(m.audit.typesOf(user.id)).toContain('recovery_codes_regenerated');
    expect(m.mail.to(email, 'recovery-codes-regenerated')).toHaveLength(1);

    const plain = await registeredUser(m);
    const plainPrincipal = principalOf(plain.user, await signedInSession(m, plain.user));
    await expect(m.get(RegenerateRecoveryCodesFlow).regenerate(plainPrincipal, aClient())).rejects.toMatchObject({ code: 'mfa_not_enabled' });
  });
});
