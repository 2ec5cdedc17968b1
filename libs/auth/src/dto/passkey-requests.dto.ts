import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

// WebAuthn's JSON encodes every binary field as base64url without padding.
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const IsBase64Url = (max: number) => (target: object, key: string) => {
  IsString()(target, key);
  MaxLength(max)(target, key);
  Matches(BASE64URL, { message: `${key} must be base64url` })(target, key);
};
const B64 = (example: string, description: string, maxLength = 16_384) => ({ type: String, pattern: '^[A-Za-z0-9_-]+$', maxLength, description, example });

const EXAMPLE_CREDENTIAL_ID = 'pQ3zVh2Xx9w7c4u1KfTq8A';
const ATTACHMENTS = ['platform', 'cross-platform'];
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

@ApiSchema({ name: 'AuthenticatorAttestationResponse' })
export class AttestationResponseDto {
  @ApiProperty(B64('eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', 'base64url of the client data JSON (its challenge must be one the server issued)')) @IsBase64Url(16_384) clientDataJSON: string;
  @ApiProperty(B64('o2NmbXRkbm9uZWdhdHRTdG10oA', 'base64url of the CBOR attestation object')) @IsBase64Url(16_384) attestationObject: string;
  @ApiPropertyOptional(B64('SZYN5YgOjGh0NBcPZHZgW4', 'base64url of the authenticator data')) @IsOptional() @IsBase64Url(16_384) authenticatorData?: string;
  @ApiPropertyOptional({ type: [String], enum: TRANSPORTS, maxItems: 8, example: ['internal', 'hybrid'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(TRANSPORTS, { each: true })
  transports?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'COSE algorithm of the new key', example: -7 }) @IsOptional() @IsInt() publicKeyAlgorithm?: number;
  @ApiPropertyOptional(B64('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE', 'base64url of the SubjectPublicKeyInfo')) @IsOptional() @IsBase64Url(16_384) publicKey?: string;
}

@ApiSchema({ name: 'AuthenticatorAssertionResponse' })
export class AssertionResponseDto {
  @ApiProperty(B64('eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0', 'base64url of the client data JSON (its challenge must be one the server issued)')) @IsBase64Url(16_384) clientDataJSON: string;
  @ApiProperty(B64('SZYN5YgOjGh0NBcPZHZgW4', 'base64url of the authenticator data')) @IsBase64Url(16_384) authenticatorData: string;
  @ApiProperty(B64('MEUCIQDv3x7', 'base64url of the signature')) @IsBase64Url(16_384) signature: string;
  @ApiPropertyOptional(B64('NmExZjRiOGUtMmQzYy00ZTVm', 'base64url of the user handle (a discoverable passkey names its account)', 512)) @IsOptional() @IsBase64Url(512) userHandle?: string;
}

/** The fields every PublicKeyCredential JSON shares. */
class PublicKeyCredentialDto {
  @ApiProperty(B64(EXAMPLE_CREDENTIAL_ID, 'The credential id, base64url', 1366)) @IsBase64Url(1366) id: string;
  @ApiProperty(B64(EXAMPLE_CREDENTIAL_ID, 'Same as id', 1366)) @IsBase64Url(1366) rawId: string;
  @ApiProperty({ enum: ['public-key'], example: 'public-key' }) @Equals('public-key') type: 'public-key';
  @ApiPropertyOptional({ enum: ATTACHMENTS, example: 'platform' }) @IsOptional() @IsIn(ATTACHMENTS) authenticatorAttachment?: 'platform' | 'cross-platform';
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Client extension outputs, as the browser reports them', example: { credProps: { rk: true } } })
  @IsObject()
  clientExtensionResults: Record<string, unknown>;
}

@ApiSchema({ name: 'PasskeyRegistrationRequest', description: 'RegistrationResponseJSON as @simplewebauthn/browser startRegistration() returns it, plus an optional name' })
export class RegisterPasskeyDto extends PublicKeyCredentialDto {
  @ApiProperty({ type: AttestationResponseDto }) @ValidateNested() @Type(() => AttestationResponseDto) response: AttestationResponseDto;
  @ApiPropertyOptional({ maxLength: 64, description: 'A label for the owner; default "Passkey" or "Synced passkey"', example: 'Work laptop' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;
}

@ApiSchema({ name: 'PasskeyAuthenticationRequest', description: 'AuthenticationResponseJSON as @simplewebauthn/browser startAuthentication() returns it' })
export class AuthenticatePasskeyDto extends PublicKeyCredentialDto {
  @ApiProperty({ type: AssertionResponseDto }) @ValidateNested() @Type(() => AssertionResponseDto) response: AssertionResponseDto;
}

@ApiSchema({ name: 'PasskeyRequestOptionsRequest', description: 'No body (or no mfaToken): usernameless options. With the mfaToken of a login: options for that account\'s passkeys' })
export class PasskeyRequestOptionsDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'The mfaToken a login answered', example: 'x4Jm2bq9kJf0c3n8Vw1ZtYl5sR7uE6aD0hGpQ2iKoLw' })
  // Absent means usernameless; null is not "absent" (IsOptional would let it through as one).
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(200)
  mfaToken?: string;
}
