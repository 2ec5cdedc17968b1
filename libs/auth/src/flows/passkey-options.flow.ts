import { Injectable } from '@nestjs/common';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { PasskeyAuthenticationService } from '@identsphere/factors';
import { RateLimit, RateLimiter } from '@identsphere/rate-limit';
import { AuthErrors } from '../auth.errors';
import { MfaChallenges } from './mfa-challenges';

const OPTIONS_BUCKET = 'passkey-options';

/** Request options: usernameless (passwordless sign-in), or the passkeys of the account an mfaToken belongs to. */
@Injectable()
export class PasskeyOptionsFlow {
  private readonly ipLimit: RateLimit;

  constructor(
    private readonly authentication: PasskeyAuthenticationService,
    private readonly mfaChallenges: MfaChallenges,
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.ipLimit = { max: config.throttling.ipMaxAttempts, windowSeconds: config.throttling.ipWindowSeconds };
  }

  /**
   * Anyone may ask, and each answer stores a challenge; counted per client IP like login attempts, so one
   * client can neither fill the table nor try assertions without end (every assertion needs a fresh challenge).
   */
  async options(mfaToken: string | undefined, client: ClientContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const slot = await this.limiter.attempt(OPTIONS_BUCKET, client.ip, this.ipLimit);
    if (!slot.allowed) throw CommonErrors.rateLimited(slot.retryAfterSeconds);
    if (mfaToken === undefined) return this.authentication.options(null);
    return this.authentication.options(await this.ownerOf(mfaToken));
  }

  /** Step-up in a live session: the signed-in user's passkeys (the access token already names the account). */
  forSignedIn(principal: Principal): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.authentication.options(principal.userId);
  }

  /**
   * The account of a live mfaToken, without using it up: claimed and handed back at once, with no failure
   * counted. Asking for options proves nothing, so it must neither spend nor weaken the token.
   */
  private async ownerOf(mfaToken: string): Promise<string> {
    const claimed = await this.mfaChallenges.claim(mfaToken);
    if (!claimed) throw AuthErrors.invalidMfaToken();
    await this.mfaChallenges.release(claimed, false);
    return claimed.userId;
  }
}
