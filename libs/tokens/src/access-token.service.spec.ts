import { JwtService } from '@nestjs/jwt';
import { isDomainError } from '@identsphere/common';
import type { AppConfig } from '@identsphere/config';
import { AccessTokenService } from './access-token.service';
import { JwtEngine } from './jwt/jwt-engine';
import { KeyRing } from './jwt/key-ring';
import type { SigningKeysStore } from './persistence/signing-keys.store';

const tokens = { secret: 'Ue5Rk1Wm8Qz3Yb6Nc0Ld7Tf2Ha9Sg4JxV', algorithm: 'HS256', issuer: 'https://id.example.com', audience: 'https://id.example.com', accessTtlSeconds: 60 };
const config = { tokens } as unknown as AppConfig;
const AUTH_TIME = new Date('2026-03-01T10:00:00Z');
const subject = { userId: 'u1', sessionId: 's1', email: 'a@example.com', emailVerified: true, roles: ['admin'], amr: ['pwd', 'otp'], acr: 'mfa', authTime: AUTH_TIME };

describe('AccessTokenService verification (with the verified-token cache)', () => {
  let service: AccessTokenService;
  beforeEach(() => {
    // HS256 keeps the key ring off the database.
    service = new AccessTokenService(new KeyRing({} as SigningKeysStore, config), new JwtEngine(new JwtService({})), config);
  });
  afterEach(() => jest.useRealTimers());

  it('answers a repeated token with the same principal', async () => {
    const { accessToken } = await service.issue(subject);
    const first = await service.verify(accessToken);
    expect(await service.verify(accessToken)).toEqual(first);
    expect(first).toMatchObject({ userId: 'u1', sessionId: 's1', roles: ['admin'] });
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('carries acr and auth_time (when the user authenticated, not when the token was minted) into the principal', async () => {
    const { accessToken } = await service.issue(subject);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
    expect({ acr: claims.acr, authTime: claims.auth_time, amr: claims.amr }).toEqual({ acr: 'mfa', authTime: AUTH_TIME.getTime() / 1000, amr: ['pwd', 'otp'] });
    expect(await service.verify(accessToken)).toMatchObject({ acr: 'mfa', authTime: AUTH_TIME, amr: ['pwd', 'otp'] });
  });

  it('refuses a token that verified before once it has expired (beyond the 5 s tolerance)', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    const { accessToken } = await service.issue(subject);
    await service.verify(accessToken);
    jest.setSystemTime(Date.now() + 64_000);
    await expect(service.verify(accessToken)).resolves.toMatchObject({ userId: 'u1' });
    jest.setSystemTime(Date.now() + 2_000);
    const error = await service.verify(accessToken).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('unauthorized');
  });

  it('never caches a failure: a tampered copy of a verified token is still refused', async () => {
    const { accessToken } = await service.issue(subject);
    await service.verify(accessToken);
    const [h, p, s] = accessToken.split('.');
    const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const error = await service.verify(tampered).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('unauthorized');
  });
});
