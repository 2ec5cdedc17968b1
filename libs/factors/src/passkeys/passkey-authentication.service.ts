import { Injectable, Logger } from '@nestjs/common';
import {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
  VerifiedAuthenticationResponse,
} from '@simplewebauthn/server';
import { AppConfig } from '@identsphere/config';
import { challengeOf } from './client-data';
import { amrOfPasskey, ChallengePurpose, StoredPasskey } from './passkey';
import { CHALLENGE_TTL_SECONDS } from './passkey-registration.service';
import { PasskeysRepository } from './persistence/passkeys.repository';
import { WebAuthnChallengesRepository } from './persistence/webauthn-challenges.repository';

/** What checking an assertion found. A refusal names its reason for the audit log, never for the client. */
export type PasskeyVerdict =
  | { readonly ok: true; readonly userId: string; readonly passkeyId: string; readonly amr: 'hwk' | 'swk' }
  | { readonly ok: false; readonly reason: PasskeyRefusal; readonly userId: string | null };

export type PasskeyRefusal = 'unknown_challenge' | 'unknown_passkey' | 'wrong_user' | 'counter_regressed' | 'signature_failed' | 'concurrent_use';

/** Who may answer: the account a second factor is for, or anyone (usernameless first factor). */
export interface AssertionExpectation {
  readonly purpose: Exclude<ChallengePurpose, 'registration'>;
  readonly userId: string | null;
}

@Injectable()
export class PasskeyAuthenticationService {
  private readonly logger = new Logger('Passkeys');

  constructor(
    private readonly passkeys: PasskeysRepository,
    private readonly challenges: WebAuthnChallengesRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Request options. For a known user (second factor, step-up) only their passkeys are allowed; without one,
   * usernameless: the authenticator offers its discoverable credentials, and user verification is required
   * because the passkey alone will sign the user in.
   */
  async options(userId: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const allowed = userId ? await this.passkeys.descriptorsForUser(userId) : [];
    const options = await generateAuthenticationOptions({
      rpID: this.config.webauthn.rpId,
      timeout: CHALLENGE_TTL_SECONDS * 1000,
      userVerification: userId ? 'preferred' : 'required',
      allowCredentials: userId ? allowed.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransportFuture[] })) : undefined,
    });
    await this.challenges.store(options.challenge, userId ? 'second_factor' : 'authentication', userId, CHALLENGE_TTL_SECONDS);
    return options;
  }

  /** Spends the challenge the assertion signed, then checks passkey, owner, signature and counter. */
  async verify(response: AuthenticationResponseJSON, expect: AssertionExpectation): Promise<PasskeyVerdict> {
    const challenge = challengeOf(response.response.clientDataJSON);
    const spent = challenge ? await this.challenges.spend(challenge, expect.purpose) : null;
    if (!challenge || !spent) return this.refuse('unknown_challenge', expect.userId);
    const passkey = await this.passkeys.findByCredentialId(response.rawId);
    if (!passkey) return this.refuse('unknown_passkey', expect.userId);
    if (!ownerMatches(passkey, spent.userId, expect.userId, response.response.userHandle)) return this.refuse('wrong_user', expect.userId ?? passkey.userId);
    const verified = await this.check(response, challenge, passkey, expect.purpose === 'authentication');
    if (!verified?.verified) return this.refuse('signature_failed', passkey.userId);
    const { newCounter: counter, credentialBackedUp } = verified.authenticationInfo;
    // A clone of an authenticator shows itself by a counter that does not move forward. Judged only on a
    // signed counter: an unsigned one would let anyone raise a false clone alarm on somebody's passkey.
    if ((counter > 0 || passkey.counter > 0) && counter <= passkey.counter) return this.refuse('counter_regressed', passkey.userId);
    if (!(await this.passkeys.recordUse(passkey.id, passkey.counter, counter, credentialBackedUp))) return this.refuse('concurrent_use', passkey.userId);
    return { ok: true, userId: passkey.userId, passkeyId: passkey.id, amr: amrOfPasskey({ deviceType: passkey.deviceType, backedUp: credentialBackedUp }) };
  }

  private async check(response: AuthenticationResponseJSON, challenge: string, passkey: StoredPasskey, requireUserVerification: boolean): Promise<VerifiedAuthenticationResponse | null> {
    try {
      return await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: [...this.config.webauthn.origins],
        expectedRPID: this.config.webauthn.rpId,
        // Counter 0: the library checks the signature only; verify() judges the (now signed) counter itself.
        credential: { id: passkey.credentialId, publicKey: passkey.publicKey, counter: 0, transports: passkey.transports as AuthenticatorTransportFuture[] },
        requireUserVerification,
      });
    } catch (error) {
      this.logger.warn(`passkey assertion refused passkey=${passkey.id}: ${(error as Error).message}`);
      return null;
    }
  }

  private refuse(reason: PasskeyRefusal, userId: string | null): PasskeyVerdict {
    this.logger.warn(`passkey assertion refused reason=${reason} user=${userId ?? '-'}`);
    return { ok: false, reason, userId };
  }
}

/** The passkey must belong to the user the challenge was issued to (if any), the user expected, and its own user handle. */
function ownerMatches(passkey: StoredPasskey, challengeUserId: string | null, expectedUserId: string | null, userHandle: string | undefined): boolean {
  if (challengeUserId !== null && challengeUserId !== passkey.userId) return false;
  if (expectedUserId !== null && expectedUserId !== passkey.userId) return false;
  return userHandle === undefined || Buffer.from(userHandle, 'base64url').toString('utf8') === passkey.userId;
}
