import { Injectable, Logger } from '@nestjs/common';
import {
  AuthenticatorTransportFuture,
  generateRegistrationOptions,
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
  verifyRegistrationResponse,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { AppConfig } from '@identsphere/config';
import { challengeOf } from './client-data';
import type { Passkey } from './passkey';
import { PasskeyErrors } from './passkey.errors';
import { PasskeysRepository } from './persistence/passkeys.repository';
import { WebAuthnChallengesRepository } from './persistence/webauthn-challenges.repository';

export const CHALLENGE_TTL_SECONDS = 300;

/** Who registers: the account's id (the WebAuthn user handle) and the names the authenticator may show. */
export interface PasskeyOwner {
  readonly id: string;
  readonly email: string;
  readonly displayName: string | null;
}

/** Passkey registration: options with a stored challenge, then the authenticator's answer verified and kept. */
@Injectable()
export class PasskeyRegistrationService {
  private readonly logger = new Logger('Passkeys');

  constructor(
    private readonly passkeys: PasskeysRepository,
    private readonly challenges: WebAuthnChallengesRepository,
    private readonly config: AppConfig,
  ) {}

  async options(owner: PasskeyOwner): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.passkeys.descriptorsForUser(owner.id);
    const options = await generateRegistrationOptions({
      rpName: this.config.webauthn.rpName,
      rpID: this.config.webauthn.rpId,
      userName: owner.email,
      userDisplayName: owner.displayName ?? owner.email,
      userID: new TextEncoder().encode(owner.id),
      attestationType: 'none',
      timeout: CHALLENGE_TTL_SECONDS * 1000,
      excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransportFuture[] })),
      // Discoverable credentials make usernameless sign-in possible.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await this.challenges.store(options.challenge, 'registration', owner.id, CHALLENGE_TTL_SECONDS);
    return options;
  }

  /** Verifies the attestation against the owner's stored challenge and keeps the credential. */
  async register(userId: string, response: RegistrationResponseJSON, name: string | undefined): Promise<Passkey> {
    const challenge = challengeOf(response.response.clientDataJSON);
    const spent = challenge ? await this.challenges.spend(challenge, 'registration') : null;
    if (!challenge || !spent || spent.userId !== userId) return this.refuse(userId, 'unknown_challenge');
    const verified = await this.verify(response, challenge);
    if (!verified?.verified || !verified.registrationInfo) return this.refuse(userId, 'attestation_failed');
    const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
    const passkey = await this.passkeys.insert({
      userId,
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name: name?.trim() || defaultName(credentialBackedUp),
    });
    if (!passkey) return this.refuse(userId, 'credential_already_registered');
    this.logger.log(`passkey registered id=${passkey.id} user=${userId}`);
    return passkey;
  }

  private async verify(response: RegistrationResponseJSON, challenge: string): Promise<VerifiedRegistrationResponse | null> {
    try {
      return await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: [...this.config.webauthn.origins],
        expectedRPID: this.config.webauthn.rpId,
        requireUserVerification: false,
      });
    } catch (error) {
      this.logger.warn(`passkey attestation refused: ${(error as Error).message}`);
      return null;
    }
  }

  private refuse(userId: string, reason: string): never {
    this.logger.warn(`passkey registration refused user=${userId} reason=${reason}`);
    throw PasskeyErrors.invalid();
  }
}

const defaultName = (backedUp: boolean) => (backedUp ? 'Synced passkey' : 'Passkey');
