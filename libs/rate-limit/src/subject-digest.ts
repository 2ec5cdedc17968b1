import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { ipNetworkOf } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';

const PURPOSE = 'identsphere rate-limit subject v1';

/**
 * Throttle rows are keyed by a keyed hash of the subject (an email, an IP), never the subject itself, so
 * the throttle tables hold no email addresses or IPs. Keyed (HMAC under a subkey of the root secret) so a
 * leaked table cannot be reversed by hashing a list of known emails. Rotating the root secret simply
 * starts every counter afresh.
 */
@Injectable()
export class SubjectDigest {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(config.tokens.secret, 'utf8'), Buffer.alloc(0), Buffer.from(PURPOSE), 32));
  }

  /**
   * `kind` separates namespaces ("email", "ip", ...) so equal strings of different kinds never collide.
   * An IPv6 subject counts as its /64, whichever bucket it is counted in: a client rotating through the
   * addresses of its own network must still meet one budget.
   */
  of(kind: string, subject: string): string {
    return createHmac('sha256', this.key).update(`${kind}\0${ipNetworkOf(subject)}`, 'utf8').digest('base64url');
  }
}
