import { AppConfig, loadConfig } from '@identsphere/config';
import { EmlFileMailTransport } from './eml-file.transport';
import { selectMailTransport } from './select-transport';
import { SmtpMailTransport } from './smtp.transport';

const SECRET = 'unit-secret-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEF';
const configWith = (env: Record<string, string>): AppConfig =>
  loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: SECRET, IDENTSPHERE_DATA_DIR: '/tmp/identsphere-unit', ...env });

describe('selectMailTransport', () => {
  it('uses SMTP when IDENTSPHERE_SMTP_URL is set, describing the relay without its credentials', () => {
    const transport = selectMailTransport(configWith({ IDENTSPHERE_SMTP_URL: 'smtp://mailer:hunter2-secret@relay.example.com:587' }));
    expect(transport).toBeInstanceOf(SmtpMailTransport);
    expect(transport.description).toBe('SMTP smtp://relay.example.com:587');
  });

  it('refuses an unparseable SMTP URL with an error that does not quote it', () => {
    const url = 'smtp://mailer:pa ss#wo[rd@relay.example.com:25';
    let error: unknown;
    try {
      selectMailTransport(configWith({ IDENTSPHERE_SMTP_URL: url }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('pa ss');
  });

  it('writes .eml files into <data dir>/mail outside production without an SMTP URL', () => {
    const transport = selectMailTransport(configWith({}));
    expect(transport).toBeInstanceOf(EmlFileMailTransport);
    expect(transport.description).toBe('.eml files in /tmp/identsphere-unit/mail');
  });

  it('refuses to send when mail is disabled', async () => {
    const transport = selectMailTransport(configWith({ IDENTSPHERE_MAIL_DISABLED: 'true', IDENTSPHERE_SMTP_URL: 'smtp://relay.example.com' }));
    expect(transport.description).toMatch(/disabled/);
    await expect(transport.send({ id: 'x', kind: 'verify-email', to: 'a@example.com', subject: 's', text: 't', html: 'h' })).rejects.toThrow();
  });
});
