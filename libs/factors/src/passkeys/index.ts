export { PasskeysModule } from './passkeys.module';
export { PasskeyRegistrationService, PasskeyOwner } from './passkey-registration.service';
export { PasskeyAuthenticationService, PasskeyVerdict, PasskeyRefusal, AssertionExpectation } from './passkey-authentication.service';
export { PasskeysService } from './passkeys.service';
export { Passkey, ChallengePurpose, amrOfPasskey } from './passkey';
export { PasskeyErrors } from './passkey.errors';
export { isAuthenticationResponse } from './webauthn-json';
