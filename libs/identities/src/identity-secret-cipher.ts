/**
 * Seals provider client secrets at rest: a secret must be recoverable for the token request (so it cannot be
 * a digest), and the database alone must never reveal it. The composition root binds it to crypto's
 * SecretBox under its own key purpose, like the webhook and mail-outbox secrets.
 */
export abstract class IdentitySecretCipher {
  abstract seal(plaintext: string): string;
  abstract open(sealed: string): string;
}
