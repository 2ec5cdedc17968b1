import { Injectable } from '@nestjs/common';
import { randomToken, sha256Digest } from '@identsphere/crypto';
import { ClaimedMfaChallenge, MfaChallengesRepository } from '../persistence/mfa-challenges.repository';

/** How long a password step waits for its second factor. */
export const MFA_TOKEN_TTL_SECONDS = 300;
/** Wrong proofs one mfaToken survives; the next sign-in starts again from the password. */
export const MFA_TOKEN_MAX_FAILURES = 5;
/** base64url of 32 random bytes: 256 bits, as mfaToken is documented. */
export const MFA_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** The mfaToken between a correct password and the second factor: random, single use, stored as a digest. */
@Injectable()
export class MfaChallenges {
  constructor(private readonly challenges: MfaChallengesRepository) {}

  async issue(userId: string, amr: readonly string[]): Promise<string> {
    const token = randomToken(32);
    await this.challenges.create({ userId, digest: sha256Digest(token), amr, ttlSeconds: MFA_TOKEN_TTL_SECONDS });
    return token;
  }

  /** issue() as CTE bodies for a statement that issues the challenge along other work (login's closing statement). */
  issueSql(userId: string, amr: readonly string[]): { token: string; ctes: (bind: (value: unknown) => string) => string[] } {
    const token = randomToken(32);
    const input = { userId, digest: sha256Digest(token), amr, ttlSeconds: MFA_TOKEN_TTL_SECONDS };
    return { token, ctes: (bind) => MfaChallengesRepository.createSql(input, bind).map((sql, i) => `mfa_challenge_${i} AS (${sql})`) };
  }

  claim(token: string): Promise<ClaimedMfaChallenge | null> {
    return this.challenges.claim(sha256Digest(token), MFA_TOKEN_MAX_FAILURES);
  }

  release(challenge: ClaimedMfaChallenge, failed: boolean): Promise<void> {
    return this.challenges.release(challenge.id, failed);
  }
}
