import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software WebAuthn authenticator for tests without a browser: one discoverable ES256 credential,
 * 'none' attestation, built by hand from the WebAuthn spec (authenticatorData layout, COSE key, the
 * signature over authenticatorData || SHA-256(clientDataJSON)). Knobs let a test break one rule at a time.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16).toString('base64url');
  /** The signature counter the next assertion reports (incremented before each one). */
  counter = 0;
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private userHandle: string | null = null;

  constructor(
    readonly origin: string,
    private readonly options: { readonly backedUp?: boolean } = {},
  ) {}

  /** navigator.credentials.create(): the RegistrationResponseJSON @simplewebauthn/browser would send. */
  register(creationOptions: { challenge: string; rp: { id?: string }; user: { id: string } }, tweak: { origin?: string } = {}): RegistrationResponseJSON {
    this.userHandle = creationOptions.user.id;
    const clientDataJSON = clientData('webauthn.create', creationOptions.challenge, tweak.origin ?? this.origin);
    const authData = this.authenticatorData(creationOptions.rp.id ?? 'localhost', FLAG_UP | FLAG_UV | FLAG_AT, this.attestedCredentialData());
    const attestationObject = Buffer.from(isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never)).toString('base64url');
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: { clientDataJSON, attestationObject, transports: ['internal'] },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(): the AuthenticationResponseJSON @simplewebauthn/browser would send. */
  assert(requestOptions: { challenge: string; rpId?: string }, tweak: { userVerified?: boolean; counter?: number } = {}): AuthenticationResponseJSON {
    this.counter = tweak.counter ?? this.counter + 1;
    const clientDataJSON = clientData('webauthn.get', requestOptions.challenge, this.origin);
    const flags = FLAG_UP | (tweak.userVerified === false ? 0 : FLAG_UV);
    const authData = this.authenticatorData(requestOptions.rpId ?? 'localhost', flags, Buffer.alloc(0));
    const signed = Buffer.concat([authData, createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest()]);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: authData.toString('base64url'),
        signature: sign('sha256', signed, this.keys.privateKey).toString('base64url'),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  private authenticatorData(rpId: string, flags: number, attested: Buffer): Buffer {
    const backup = this.options.backedUp ? FLAG_BE | FLAG_BS : 0;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flags | backup]), count, attested]);
  }

  private attestedCredentialData(): Buffer {
    const id = Buffer.from(this.credentialId, 'base64url');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    return Buffer.concat([Buffer.alloc(16), length, id, coseKeyOf(this.keys.publicKey)]);
  }
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

function clientData(type: string, challenge: string, origin: string): string {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })).toString('base64url');
}

/** The EC2 P-256 public key as a COSE_Key map (kty 2, alg -7 ES256, crv 1, x, y). */
function coseKeyOf(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const key = new Map<number, unknown>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, new Uint8Array(Buffer.from(jwk.x as string, 'base64url'))],
    [-3, new Uint8Array(Buffer.from(jwk.y as string, 'base64url'))],
  ]);
  return Buffer.from(isoCBOR.encode(key as never));
}
