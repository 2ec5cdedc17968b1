import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'identsphere device cookie v1';
const VERSION = 'd1';
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Device cookies (OWASP "slow down online guessing attacks with device cookies"): after a successful
 * login the client gets `d1.<nonce>.<issuedAt>.<mac>`, the MAC binding nonce and time to the account
 * (by the account's subject digest, so the cookie does not reveal the email). A later login for that
 * account presenting a fresh, authentic cookie is judged on the device's own failure streak instead of
 * the account-wide one, so strangers' failures cannot lock out the account owner's known devices.
 */
export class DeviceTokens {
  private readonly key: Buffer;

  constructor(
    rootSecret: string,
    private readonly lifetimeSeconds: number,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(rootSecret, 'utf8'), Buffer.alloc(0), Buffer.from(PURPOSE), 32));
  }

  issue(accountDigest: string, nowSeconds: number): string {
    const nonce = randomBytes(16).toString('base64url');
    const issuedAt = String(Math.floor(nowSeconds));
    return [VERSION, nonce, issuedAt, this.mac(accountDigest, nonce, issuedAt)].join('.');
  }

  /** The device nonce of an authentic, unexpired token issued for this account; null otherwise. */
  verify(token: string | null, accountDigest: string, nowSeconds: number): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [version, nonce, issuedAt, mac, extra] = token.split('.');
    if (version !== VERSION || extra !== undefined || !NONCE.test(nonce ?? '') || !/^\d{1,12}$/.test(issuedAt ?? '') || !mac) return null;
    const age = nowSeconds - Number(issuedAt);
    if (age < -60 || age > this.lifetimeSeconds) return null;
    const expected = Buffer.from(this.mac(accountDigest, nonce, issuedAt));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
  }

  private mac(accountDigest: string, nonce: string, issuedAt: string): string {
    return createHmac('sha256', this.key).update(`${accountDigest}.${nonce}.${issuedAt}`, 'utf8').digest('base64url');
  }
}
