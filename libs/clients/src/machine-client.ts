/** The scopes a machine client can hold: a fixed list, so a typo is a 400 rather than a useless grant. */
export const CLIENT_SCOPES = ['admin', 'introspect'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

export const isClientScope = (value: string): value is ClientScope => (CLIENT_SCOPES as readonly string[]).includes(value);

/** How long a secret stays valid after a rotation replaced it (or until the next rotation, if sooner). */
export const SECRET_OVERLAP_SECONDS = 24 * 60 * 60;

/** A machine client as the domain sees it; its secret digests are never part of it. */
export interface MachineClient {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ClientScope[];
  readonly createdAt: Date;
  readonly secretRotatedAt: Date;
  /** Until when the secret replaced by the last rotation is still accepted; null when none is. */
  readonly previousSecretExpiresAt: Date | null;
  readonly disabledAt: Date | null;
}

export interface NewMachineClient {
  readonly name: string;
  readonly scopes: readonly ClientScope[];
}

/** A client together with a secret in clear: only ever the answer to a creation or a rotation. */
export interface IssuedClientSecret {
  readonly client: MachineClient;
  readonly secret: string;
}
