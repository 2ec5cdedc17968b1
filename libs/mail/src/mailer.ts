import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@identsphere/config';
import type { MailMessage } from './mail-message';
import { MailPayloadCipher } from './outbox/payload-cipher';
import { MailOutboxRepository } from './outbox/persistence/mail-outbox.repository';
import { renderMail, TemplateContext } from './templates/mail-templates';

/**
 * What flows call to send mail. It only writes an outbox row, inside the caller's transaction: the mail
 * exists if and only if the change that caused it committed, and delivery (OutboxWorker) never delays
 * the HTTP response.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('Mail');
  private readonly context: TemplateContext;
  private readonly disabled: boolean;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly cipher: MailPayloadCipher,
    config: AppConfig,
  ) {
    this.disabled = config.mail.disabled;
    this.context = {
      siteName: new URL(config.http.publicBaseUrl).host,
      linkUrlTemplate: config.mail.linkUrlTemplate,
      verifyTokenTtlSeconds: config.mail.verifyTokenTtlSeconds,
      resetTokenTtlSeconds: config.mail.resetTokenTtlSeconds,
    };
  }

  async enqueue(message: MailMessage): Promise<void> {
    if (this.disabled) {
      this.logger.debug(`mail disabled; not queued kind=${message.kind}`);
      return;
    }
    const id = randomUUID();
    const payload = this.cipher.seal(JSON.stringify(renderMail(message, this.context)));
    await this.outbox.insert({ id, kind: message.kind, recipient: message.to, payload });
    this.logger.debug(`mail queued id=${id} kind=${message.kind}`);
  }
}
