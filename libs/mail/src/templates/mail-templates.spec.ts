import type { MailMessage } from '../mail-message';
import { describeDuration, escapeHtml } from './layout';
import { renderMail, TemplateContext } from './mail-templates';

const context: TemplateContext = {
  siteName: 'id.example.com',
  linkUrlTemplate: 'https://app.example.com/auth/{purpose}?token={token}',
  verifyTokenTtlSeconds: 86_400,
  resetTokenTtlSeconds: 1_800,
};
const TOKEN = 'Tok3n_with-base64url_chars_0123456789abcdefg';

describe('mail templates', () => {
  it.each([
    ['verify-email', 'Confirm your email address', '24 hours'],
    ['reset-password', 'Reset your password', '30 minutes'],
    ['change-email', 'Confirm your new email address', '24 hours'],
  ] as const)('%s: the link to the SPA route is in the text and the HTML, with its lifetime', (kind, subject, lifetime) => {
    const mail = renderMail({ kind, to: 'a@example.com', token: TOKEN }, context);
    const link = `https://app.example.com/auth/${kind}?token=${TOKEN}`;
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain(lifetime);
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    expect(mail.text).toContain('id.example.com');
  });

  it.each([
    ['password-changed', 'Your password was changed'],
    ['email-changed', 'Your email address was changed'],
  ] as const)('%s: a notice without any link', (kind, subject) => {
    const mail = renderMail({ kind, to: 'a@example.com' } as MailMessage, context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(mail.html).not.toContain('href=');
    expect(mail.text).toContain('administrator');
  });

  it('email-change-requested: warns without a link and names the new address only masked', () => {
    const mail = renderMail({ kind: 'email-change-requested', to: 'owner@example.com', newEmail: 'intruder@mailbox.example' }, context);
    expect(mail.subject).toBe('Someone asked to change your email address');
    expect(mail.text).toContain('i…@m…');
    expect(`${mail.text}${mail.html}`).not.toContain('intruder@mailbox.example');
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(mail.text).toContain('reset your password');
  });

  it.each([
    [{ kind: 'totp-enabled', to: 'a@example.com' }, 'An authenticator app was added'],
    [{ kind: 'recovery-codes-regenerated', to: 'a@example.com' }, 'New recovery codes were made'],
    [{ kind: 'recovery-code-used', to: 'a@example.com', remaining: 7 }, 'A recovery code was used'],
  ] as const)('second-factor notice %#: no link, and what to do if it was not the owner', (message, subject) => {
    const mail = renderMail(message, context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(mail.text).toContain('reset your password');
  });

  it('mfa-reset-by-admin: says an administrator did it, asks to set up two-step sign-in again, has no link', () => {
    const mail = renderMail({ kind: 'mfa-reset-by-admin', to: 'a@example.com' }, context);
    expect(mail.subject).toBe('An administrator reset your two-step sign-in');
    expect(mail.text).toContain('set up two-step sign-in again');
    expect(mail.text).not.toMatch(/https?:\/\//);
  });

  it('recovery-code-used says how many codes remain', () => {
    expect(renderMail({ kind: 'recovery-code-used', to: 'a@example.com', remaining: 7 }, context).text).toContain('7 unused codes remain');
    expect(renderMail({ kind: 'recovery-code-used', to: 'a@example.com', remaining: 1 }, context).text).toContain('1 unused code remains');
  });

  it('escapes HTML in values it interpolates', () => {
    const mail = renderMail({ kind: 'password-changed', to: 'a@example.com' }, { ...context, siteName: '<b>evil</b>' });
    expect(mail.html).toContain('&lt;b&gt;evil&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>evil</b>');
  });

  it('escapes a link with quotes so it cannot leave the href attribute', () => {
    const mail = renderMail({ kind: 'verify-email', to: 'a@example.com', token: 't' }, { ...context, linkUrlTemplate: 'https://x.example/"onmouseover="x?{token}' });
    expect(mail.html).toContain('href="https://x.example/&quot;onmouseover=&quot;x?t"');
  });
});

describe('describeDuration', () => {
  it.each([
    [1800, '30 minutes'],
    [60, '1 minute'],
    [3600, '1 hour'],
    [7200, '2 hours'],
    [86_400, '24 hours'],
    [172_800, '2 days'],
    [90, '2 minutes'],
  ])('%i s reads "%s"', (seconds, words) => {
    expect(describeDuration(seconds)).toBe(words);
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
