/**
 * Seals outbox payloads at rest: mails carry one-time links, and the database alone must never reveal a
 * usable token. The composition root binds it to crypto's SecretBox (mail and crypto are sibling libs).
 */
export abstract class MailPayloadCipher {
  abstract seal(plaintext: string): string;
  abstract open(sealed: string): string;
}
