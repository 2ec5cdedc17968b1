import nodemailer, { Transporter } from 'nodemailer';
import type { OutgoingMail } from '../mail-message';
import { envelopeOf, MailTransport } from './mail-transport';

// Bounds on one delivery. The outbox lease must stay well above their sum (see outbox-worker.ts), so a
// slow send is never claimed and sent a second time by another instance.
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** nodemailer over the IDENTSPHERE_SMTP_URL (smtp:// or smtps://, credentials and options in the URL). */
export class SmtpMailTransport extends MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly messageIdDomain: string,
  ) {
    super();
    const relay = parseRelayUrl(smtpUrl);
    // Scheme, host and port only: the URL may carry the relay's username and password.
    this.description = `SMTP ${relay.protocol}//${relay.hostname}${relay.port ? ':' + relay.port : ''}`;
    // One connection per mail: mail here is occasional, and nothing idles open against the relay.
    this.transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingMail, signal?: AbortSignal): Promise<void> {
    await this.transporter.sendMail({ ...envelopeOf(mail, this.from, this.messageIdDomain), signal });
  }
}

/**
 * Refuses a URL the WHATWG parser cannot read before nodemailer sees it: its fallback parser would print a
 * deprecation warning quoting the URL, and its error carries the URL, password included.
 */
function parseRelayUrl(smtpUrl: string): URL {
  try {
    return new URL(smtpUrl);
  } catch {
    throw new Error('IDENTSPHERE_SMTP_URL cannot be parsed; URL-encode special characters in the username and password');
  }
}
