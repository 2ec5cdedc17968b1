import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OutgoingMail } from '../mail-message';
import { envelopeOf, MailTransport } from './mail-transport';

/**
 * Development delivery when no SMTP server is configured: each mail becomes an .eml file (open it in any
 * mail client) under <data dir>/mail/, and the log names the file. The log never shows the body, which
 * carries the one-time link.
 */
export class EmlFileMailTransport extends MailTransport {
  readonly description: string;
  private readonly directory: string;
  private readonly composer: Transporter;
  private readonly logger = new Logger('Mail');

  constructor(
    dataDir: string,
    private readonly from: string,
    private readonly messageIdDomain: string,
  ) {
    super();
    this.directory = resolve(dataDir, 'mail');
    this.description = `.eml files in ${this.directory}`;
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.composer.sendMail(envelopeOf(mail, this.from, this.messageIdDomain));
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const file = join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.kind}-${mail.id}.eml`);
    // Owner-only: the file holds a working link.
    await writeFile(file, info.message as Buffer, { mode: 0o600 });
    this.logger.log(`mail written id=${mail.id} kind=${mail.kind} file=${file}`);
  }
}
