/** A user's account at an identity provider, linked to our user. */
export interface LinkedIdentity {
  readonly id: string;
  readonly userId: string;
  readonly providerId: string;
  /** The provider's `sub`. */
  readonly subject: string;
  /** The email the provider asserted when the identity was linked. */
  readonly email: string;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}
