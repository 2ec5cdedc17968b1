// The service speaks WebAuthn's JSON forms (base64url strings, as @simplewebauthn/browser does); the
// browser's navigator.credentials speaks ArrayBuffers. These few conversions bridge the two without a
// dependency.
import type { components } from '@identsphere/client';

type Schemas = components['schemas'];
export type CreationOptionsJSON = Schemas['PublicKeyCredentialCreationOptions'];
export type RequestOptionsJSON = Schemas['PublicKeyCredentialRequestOptions'];
export type RegistrationJSON = Omit<Schemas['PasskeyRegistrationRequest'], 'name'>;
export type AssertionJSON = Schemas['PasskeyAuthenticationRequest'];
type Transport = NonNullable<Schemas['AuthenticatorAttestationResponse']['transports']>[number];

const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] satisfies Transport[];

export function toBase64Url(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

type DescriptorJSON = Schemas['PublicKeyCredentialDescriptor'];
const descriptor = (d: DescriptorJSON): PublicKeyCredentialDescriptor => ({ ...d, id: fromBase64Url(d.id) } as PublicKeyCredentialDescriptor);

export function creationOptionsFromJSON(json: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: json.excludeCredentials.map(descriptor),
  } as PublicKeyCredentialCreationOptions;
}

export function requestOptionsFromJSON(json: RequestOptionsJSON): PublicKeyCredentialRequestOptions {
  return { ...json, challenge: fromBase64Url(json.challenge), allowCredentials: json.allowCredentials?.map(descriptor) } as PublicKeyCredentialRequestOptions;
}

function attachment(credential: PublicKeyCredential): Pick<AssertionJSON, 'authenticatorAttachment'> {
  const value = credential.authenticatorAttachment;
  return value === 'platform' || value === 'cross-platform' ? { authenticatorAttachment: value } : {};
}

export function registrationToJSON(credential: PublicKeyCredential): RegistrationJSON {
  const response = credential.response as AuthenticatorAttestationResponse;
  const publicKey = response.getPublicKey?.();
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: 'public-key',
    ...attachment(credential),
    clientExtensionResults: credential.getClientExtensionResults() as Record<string, unknown>,
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      attestationObject: toBase64Url(response.attestationObject),
      ...(response.getAuthenticatorData ? { authenticatorData: toBase64Url(response.getAuthenticatorData()) } : {}),
      ...(response.getTransports ? { transports: response.getTransports().filter((t) => TRANSPORTS.includes(t)) as Transport[] } : {}),
      ...(response.getPublicKeyAlgorithm ? { publicKeyAlgorithm: response.getPublicKeyAlgorithm() } : {}),
      ...(publicKey ? { publicKey: toBase64Url(publicKey) } : {}),
    },
  };
}

export function assertionToJSON(credential: PublicKeyCredential): AssertionJSON {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: 'public-key',
    ...attachment(credential),
    clientExtensionResults: credential.getClientExtensionResults() as Record<string, unknown>,
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64Url(response.userHandle) } : {}),
    },
  };
}

/** Asks the browser for an assertion of one of the server's passkeys. */
export async function getAssertion(options: RequestOptionsJSON): Promise<AssertionJSON> {
  const credential = await navigator.credentials.get({ publicKey: requestOptionsFromJSON(options) });
  if (!credential) throw new Error('The browser returned no passkey assertion');
  return assertionToJSON(credential as PublicKeyCredential);
}

/** Asks the browser to create a passkey for the server's options. */
export async function createCredential(options: CreationOptionsJSON): Promise<RegistrationJSON> {
  const credential = await navigator.credentials.create({ publicKey: creationOptionsFromJSON(options) });
  if (!credential) throw new Error('The browser returned no passkey');
  return registrationToJSON(credential as PublicKeyCredential);
}
