import type { AppConfig } from '@identsphere/config';
import { EmlFileMailTransport } from './eml-file.transport';
import { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp.transport';

/** Stands in when IDENTSPHERE_MAIL_DISABLED=true; nothing is queued then, so it is never asked to send. */
class DisabledMailTransport extends MailTransport {
  readonly description = 'disabled (IDENTSPHERE_MAIL_DISABLED=true)';
  async send(): Promise<void> {
    throw new Error('mail delivery is disabled');
  }
}

/**
 * SMTP when IDENTSPHERE_SMTP_URL is set; else, outside production, .eml files in the data directory
 * (load-config already refuses production without an SMTP URL unless mail is disabled).
 */
export function selectMailTransport(config: AppConfig): MailTransport {
  const domain = new URL(config.http.publicBaseUrl).hostname;
  if (config.mail.disabled) return new DisabledMailTransport();
  if (config.mail.smtpUrl) return new SmtpMailTransport(config.mail.smtpUrl, config.mail.from, domain);
  if (config.isProduction) throw new Error('IDENTSPHERE_SMTP_URL is required in production unless IDENTSPHERE_MAIL_DISABLED=true');
  return new EmlFileMailTransport(config.dataDir, config.mail.from, domain);
}
