import type { OutgoingMail } from '../mail-message';

/** "How to send": delivers one rendered mail or throws. Chosen once at boot from the configuration. */
export abstract class MailTransport {
  /** For the boot log line; never contains credentials. */
  abstract readonly description: string;
  /** Resolves once the mail is handed over; `signal` aborts a send in progress (shutdown). */
  abstract send(mail: OutgoingMail, signal?: AbortSignal): Promise<void>;
}

/** The headers every transport sets. The Message-ID derives from the outbox row, so a receiver can drop a redelivery. */
export function envelopeOf(mail: OutgoingMail, from: string, domain: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@${domain}>`,
    headers: { 'X-IdentSphere-Mail-Kind': mail.kind },
  };
}
