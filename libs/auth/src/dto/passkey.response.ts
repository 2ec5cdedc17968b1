import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { Passkey } from '@identsphere/factors';
import type { RegisteredPasskey } from '../flows/passkey-enrolment.flow';

const CHALLENGE = { pattern: '^[A-Za-z0-9_-]+$', description: 'base64url; single use, valid for 5 minutes', example: 'q6Lr1hJ3vS0bYw8eT2nKcA9xZ4uM7pDf' };
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

@ApiSchema({ name: 'Passkey', description: 'A registered passkey; never its credential id or public key' })
export class PasskeyResponse {
  @ApiProperty({ format: 'uuid', example: '5d0c1b7a-3e2f-4a6b-9c8d-7e6f5a4b3c2d' }) id: string;
  @ApiProperty({ example: 'Work laptop' }) name: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-01-16T08:00:00.000Z' }) lastUsedAt: string | null;
  @ApiProperty({ description: 'Synced to the user\'s cloud account (proves amr "swk"); false: bound to one authenticator ("hwk")', example: false }) backedUp: boolean;
}

@ApiSchema({ name: 'PasskeyRegistration', description: 'The new passkey, and the first recovery codes when the account had none (shown this once)' })
export class PasskeyRegistrationResponse extends PasskeyResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: '^[a-z2-7]{5}-[a-z2-7]{5}$', example: 'k7qm2-x4rt9' },
    maxItems: 10,
    description: 'Empty when the account already had recovery codes (they stay valid)',
    example: ['k7qm2-x4rt9', 'p3vz6-abq2m'],
  })
  recoveryCodes: string[];
}

@ApiSchema({ name: 'PasskeyList' })
export class PasskeyListResponse {
  @ApiProperty({ type: [PasskeyResponse] }) items: PasskeyResponse[];
}

export const toPasskeyResponse = (passkey: Passkey): PasskeyResponse => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  backedUp: passkey.backedUp,
});

export const toPasskeyRegistrationResponse = (registered: RegisteredPasskey): PasskeyRegistrationResponse => ({
  ...toPasskeyResponse(registered.passkey),
  recoveryCodes: [...registered.recoveryCodes],
});

export const toPasskeyListResponse = (passkeys: readonly Passkey[]): PasskeyListResponse => ({ items: passkeys.map(toPasskeyResponse) });

@ApiSchema({ name: 'PublicKeyCredentialDescriptor' })
export class CredentialDescriptorDoc {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]+$', description: 'Credential id, base64url', example: 'pQ3zVh2Xx9w7c4u1KfTq8A' }) id: string;
  @ApiProperty({ enum: ['public-key'], example: 'public-key' }) type: string;
  @ApiPropertyOptional({ type: [String], enum: TRANSPORTS, example: ['internal'] }) transports?: string[];
}

@ApiSchema({ name: 'RelyingParty' })
export class RelyingPartyDoc {
  @ApiProperty({ example: 'IdentSphere' }) name: string;
  @ApiProperty({ description: 'IDENTSPHERE_WEBAUTHN_RP_ID', example: 'auth.example.com' }) id: string;
}

@ApiSchema({ name: 'PublicKeyCredentialUserEntity' })
export class UserEntityDoc {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]+$', description: 'base64url of the account id (the user handle)', example: 'NmExZjRiOGUtMmQzYy00ZTVm' }) id: string;
  @ApiProperty({ example: 'ada@example.com' }) name: string;
  @ApiProperty({ example: 'Ada Lovelace' }) displayName: string;
}

@ApiSchema({ name: 'PublicKeyCredentialParameters' })
export class CredentialParametersDoc {
  @ApiProperty({ type: 'integer', description: 'COSE algorithm', example: -7 }) alg: number;
  @ApiProperty({ enum: ['public-key'], example: 'public-key' }) type: string;
}

@ApiSchema({ name: 'AuthenticatorSelectionCriteria' })
export class AuthenticatorSelectionDoc {
  @ApiProperty({ enum: ['required'], example: 'required' }) residentKey: string;
  @ApiProperty({ example: true }) requireResidentKey: boolean;
  @ApiProperty({ enum: ['preferred'], example: 'preferred' }) userVerification: string;
}

@ApiSchema({ name: 'PublicKeyCredentialCreationOptions', description: 'PublicKeyCredentialCreationOptionsJSON for @simplewebauthn/browser startRegistration({ optionsJSON })' })
export class CreationOptionsDoc {
  @ApiProperty({ type: RelyingPartyDoc }) rp: RelyingPartyDoc;
  @ApiProperty({ type: UserEntityDoc }) user: UserEntityDoc;
  @ApiProperty(CHALLENGE) challenge: string;
  @ApiProperty({ type: [CredentialParametersDoc] }) pubKeyCredParams: CredentialParametersDoc[];
  @ApiProperty({ type: 'integer', description: 'Milliseconds', example: 300000 }) timeout: number;
  @ApiProperty({ enum: ['none'], example: 'none' }) attestation: string;
  @ApiProperty({ type: [CredentialDescriptorDoc], description: 'The passkeys the account already has' }) excludeCredentials: CredentialDescriptorDoc[];
  @ApiProperty({ type: AuthenticatorSelectionDoc }) authenticatorSelection: AuthenticatorSelectionDoc;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { credProps: true } }) extensions: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], example: ['client-device', 'hybrid'] }) hints?: string[];
}

@ApiSchema({ name: 'PublicKeyCredentialRequestOptions', description: 'PublicKeyCredentialRequestOptionsJSON for @simplewebauthn/browser startAuthentication({ optionsJSON })' })
export class RequestOptionsDoc {
  @ApiProperty({ example: 'auth.example.com' }) rpId: string;
  @ApiProperty(CHALLENGE) challenge: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds', example: 300000 }) timeout: number;
  @ApiProperty({ enum: ['required', 'preferred'], description: 'required for usernameless (passwordless) sign-in', example: 'required' }) userVerification: string;
  @ApiPropertyOptional({ type: [CredentialDescriptorDoc], description: 'Second factor only: the account\'s passkeys' }) allowCredentials?: CredentialDescriptorDoc[];
}
