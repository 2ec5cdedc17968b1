import { Module } from '@nestjs/common';
import { PasskeyAuthenticationService } from './passkey-authentication.service';
import { PasskeyRegistrationService } from './passkey-registration.service';
import { PasskeysService } from './passkeys.service';
import { PasskeysRepository } from './persistence/passkeys.repository';
import { WebAuthnChallengesRepository } from './persistence/webauthn-challenges.repository';

/** WebAuthn passkeys: registration, assertions (first or second factor), and the owner's list. */
@Module({
  providers: [PasskeysRepository, WebAuthnChallengesRepository, PasskeyRegistrationService, PasskeyAuthenticationService, PasskeysService],
  exports: [PasskeyRegistrationService, PasskeyAuthenticationService, PasskeysService],
})
export class PasskeysModule {}
