import { deriveKey, hmacSha256, safeEqual } from '@identsphere/crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Exactly the unpadded base64url of a 32-byte HMAC: Buffer's decoder skips characters outside the
 * alphabet, so without this check `<token>!!` would decode to the same MAC and be accepted.
 */
const MAC = /^[A-Za-z0-9_-]{43}$/;
const PURPOSE = 'identsphere refresh token v1';
const KEY_CACHE_SIZE = 4096;

export interface RefreshTokenClaims {
  readonly sessionId: string;
  readonly counter: number;
}

/**
 * `<sessionId>.<counter>.<mac>` where mac = HMAC-SHA256 over "<sessionId>.<counter>" under a per-session key
 * derived (HKDF) from IDENTSPHERE_JWT_SECRET. Nothing secret is stored: the database alone can never
 * produce a valid token, and the token for a counter is deterministic, so a refresh inside the grace
 * window can hand back exactly the successor that the first refresh returned.
 */
export class RefreshTokenCodec {
  /**
   * Recently derived per-session keys: a refresh decodes the presented token and encodes its successor for
   * the same session, and HKDF is the dearest step of either (about 0.1 ms of event loop each, measured).
   * Bounded (oldest out first), so a flood of distinct sessions costs memory it gives back.
   */
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly rootSecret: string) {}

  encode(sessionId: string, counter: number): string {
    return `${sessionId}.${counter}.${this.mac(sessionId, counter).toString('base64url')}`;
  }

  /** The claims of an authentic token, or null for anything malformed or forged. */
  decode(token: string): RefreshTokenClaims | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [sessionId, counterText, mac, extra] = token.split('.');
    if (extra !== undefined || !sessionId || !UUID.test(sessionId) || !/^\d{1,9}$/.test(counterText ?? '') || !MAC.test(mac ?? '')) return null;
    const counter = Number(counterText);
    // Compared as text: the last of 43 characters carries 2 unused bits, so 4 spellings decode to one MAC.
    const expected = Buffer.from(this.mac(sessionId, counter).toString('base64url'));
    return safeEqual(Buffer.from(mac), expected) ? { sessionId, counter } : null;
  }

  private mac(sessionId: string, counter: number): Buffer {
    return hmacSha256(this.keyOf(sessionId), `${sessionId}.${counter}`);
  }

  private keyOf(sessionId: string): Buffer {
    let key = this.keys.get(sessionId);
    if (!key) {
      key = deriveKey(this.rootSecret, PURPOSE, sessionId);
      if (this.keys.size >= KEY_CACHE_SIZE) this.keys.delete(this.keys.keys().next().value as string);
      this.keys.set(sessionId, key);
    }
    return key;
  }
}
