/** What a ceremony's challenge was issued for; a challenge is spent only by the purpose it was issued for. */
export type ChallengePurpose = 'registration' | 'authentication' | 'second_factor';

/** A passkey as its owner may see it: no credential id, no public key. */
export interface Passkey {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  /** Synced to a cloud account (multi-device) rather than bound to one authenticator. */
  readonly backedUp: boolean;
  readonly deviceType: 'singleDevice' | 'multiDevice';
}

/** The verification material, read only to check an assertion. */
export interface StoredPasskey extends Passkey {
  /** base64url of the authenticator's credential id. */
  readonly credentialId: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly counter: number;
  readonly transports: readonly string[];
}

export type NewPasskey = Omit<StoredPasskey, 'id' | 'createdAt' | 'lastUsedAt'>;

/**
 * RFC 8176: a credential that cannot leave its authenticator proves a hardware key ('hwk'); a synced or
 * backed-up one is a software-held key ('swk'), copyable to any device of the user's cloud account.
 */
export const amrOfPasskey = (passkey: Pick<Passkey, 'deviceType' | 'backedUp'>): 'hwk' | 'swk' =>
  passkey.deviceType === 'singleDevice' && !passkey.backedUp ? 'hwk' : 'swk';
