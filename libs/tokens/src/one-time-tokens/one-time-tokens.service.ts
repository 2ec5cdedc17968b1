import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { randomToken, sha256Digest } from '@identsphere/crypto';
import type { OneTimeTokenBinding, OneTimeTokenGrant, OneTimeTokenPurpose } from './one-time-token';
import { OneTimeTokensRepository } from './persistence/one-time-tokens.repository';

// randomToken(32): 256 bits, base64url without padding. Anything else cannot be one of ours, so it is
// refused without a database round trip.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Random, purpose-bound, single-use, short-lived tokens for links in mails. Only their SHA-256 digest is
 * stored, so a database leak reveals no usable link.
 */
@Injectable()
export class OneTimeTokensService {
  private readonly logger = new Logger('OneTimeTokens');
  private readonly ttlSeconds: Readonly<Record<OneTimeTokenPurpose, number>>;

  constructor(
    private readonly tokens: OneTimeTokensRepository,
    config: AppConfig,
  ) {
    const { resetTokenTtlSeconds, verifyTokenTtlSeconds } = config.mail;
    this.ttlSeconds = { 'reset-password': resetTokenTtlSeconds, 'verify-email': verifyTokenTtlSeconds, 'change-email': verifyTokenTtlSeconds };
  }

  /** A new token for the user and purpose; any older token of that purpose stops working. Returns the raw token, once. */
  async issue(purpose: OneTimeTokenPurpose, userId: string, email: string, binding: OneTimeTokenBinding = {}): Promise<string> {
    const token = randomToken(TOKEN_BYTES);
    const sessionId = binding.sessionId ?? null;
    const id = await this.tokens.replace({ userId, purpose, email, digest: sha256Digest(token), ttlSeconds: this.ttlSeconds[purpose], sessionId });
    this.logger.log(`one-time token issued id=${id} purpose=${purpose} user=${userId}`);
    return token;
  }

  /** The grant of a live token without using it up (to validate before work that may still be refused). */
  find(purpose: OneTimeTokenPurpose, token: string): Promise<OneTimeTokenGrant | null> {
    return TOKEN_SHAPE.test(token) ? this.tokens.findLive(purpose, sha256Digest(token)) : Promise.resolve(null);
  }

  /** Uses the token up and returns its grant; null for malformed, unknown, used, expired or wrong-purpose tokens. */
  consume(purpose: OneTimeTokenPurpose, token: string): Promise<OneTimeTokenGrant | null> {
    return TOKEN_SHAPE.test(token) ? this.tokens.consumeLive(purpose, sha256Digest(token)) : Promise.resolve(null);
  }

  /** Invalidates the user's outstanding tokens of these purposes (e.g. reset links after a password change). */
  revoke(userId: string, purposes: readonly OneTimeTokenPurpose[]): Promise<void> {
    return this.tokens.deleteForUser(userId, purposes);
  }
}
