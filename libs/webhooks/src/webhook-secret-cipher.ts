/**
 * Seals endpoint secrets at rest: a secret must be recoverable to sign each delivery (so it cannot be a
 * digest), and the database alone must never reveal it. The composition root binds it to crypto's SecretBox
 * (webhooks and crypto are sibling libs).
 */
export abstract class WebhookSecretCipher {
  abstract seal(plaintext: string): string;
  abstract open(sealed: string): string;
}
