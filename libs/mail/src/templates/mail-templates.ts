import type { MailMessage, RenderedMail } from '../mail-message';
import { describeDuration, MailBody, renderHtml, renderText } from './layout';
import { buildLink } from './link';
import { maskAddress } from './mask-address';

/** What the templates need to know about the deployment. */
export interface TemplateContext {
  /** The host of IDENTSPHERE_PUBLIC_BASE_URL; names the site the account belongs to. */
  readonly siteName: string;
  readonly linkUrlTemplate: string;
  readonly verifyTokenTtlSeconds: number;
  readonly resetTokenTtlSeconds: number;
}

interface Template {
  readonly subject: string;
  readonly body: MailBody;
}

/** "What to send": subject, plain text and simple HTML for each kind of mail. Transports decide how. */
export function renderMail(message: MailMessage, context: TemplateContext): RenderedMail {
  const { subject, body } = templateOf(message, context);
  return { subject, text: renderText(body), html: renderHtml(subject, body) };
}

function templateOf(message: MailMessage, ctx: TemplateContext): Template {
  const site = ctx.siteName;
  switch (message.kind) {
    case 'verify-email':
      return {
        subject: 'Confirm your email address',
        body: {
          paragraphs: [`Please confirm that this is the email address of your account at ${site}.`],
          action: { label: 'Confirm email address', url: buildLink(ctx.linkUrlTemplate, 'verify-email', message.token) },
          footnotes: [linkValidity(ctx.verifyTokenTtlSeconds), 'If you did not create this account, you can ignore this message.'],
        },
      };
    case 'reset-password':
      return {
        subject: 'Reset your password',
        body: {
          paragraphs: [`Someone asked to reset the password of your account at ${site}.`],
          action: { label: 'Choose a new password', url: buildLink(ctx.linkUrlTemplate, 'reset-password', message.token) },
          footnotes: [linkValidity(ctx.resetTokenTtlSeconds), 'If you did not ask for this, ignore this message; your password stays as it is.'],
        },
      };
    case 'change-email':
      return {
        subject: 'Confirm your new email address',
        body: {
          paragraphs: [`Someone asked to use this address for an account at ${site}. The change happens only when you confirm it.`],
          action: { label: 'Confirm new email address', url: buildLink(ctx.linkUrlTemplate, 'change-email', message.token) },
          footnotes: [linkValidity(ctx.verifyTokenTtlSeconds), 'If you did not ask for this, ignore this message.'],
        },
      };
    case 'password-changed':
      return {
        subject: 'Your password was changed',
        body: {
          paragraphs: [
            `The password of your account at ${site} was just changed.`,
            'If you did not do this, reset your password now and tell your administrator.',
          ],
        },
      };
    case 'email-changed':
      return {
        subject: 'Your email address was changed',
        body: {
          paragraphs: [
            `The email address of your account at ${site} was just changed; this address no longer belongs to the account.`,
            'If you did not do this, tell your administrator at once.',
          ],
        },
      };
    case 'email-change-requested':
      return {
        subject: 'Someone asked to change your email address',
        body: {
          paragraphs: [
            `Someone asked to move your account at ${site} to the address ${maskAddress(message.newEmail)}. It moves only when that address confirms.`,
            'If it was not you, someone knows your password: reset your password now; that also cancels the change.',
          ],
        },
      };
    case 'totp-enabled':
      return notice('An authenticator app was added', [`An authenticator app now gives the second step of sign-in to your account at ${site}.`]);
    case 'passkey-added':
      return notice('A passkey was added', [`A new passkey can now sign in to your account at ${site}.`]);
    case 'recovery-codes-regenerated':
      return notice('New recovery codes were made', [`New recovery codes were made for your account at ${site}; the old ones no longer work.`]);
    case 'recovery-code-used':
      return notice('A recovery code was used', [
        `A recovery code was just used to sign in to your account at ${site}. ${message.remaining} unused code${message.remaining === 1 ? '' : 's'} remain${message.remaining === 1 ? 's' : ''}.`,
      ]);
    case 'mfa-reset-by-admin':
      return {
        subject: 'An administrator reset your two-step sign-in',
        body: {
          paragraphs: [
            `An administrator removed every second sign-in factor (authenticator app, passkeys and recovery codes) from your account at ${site} and signed you out everywhere.`,
            'Sign in with your password and set up two-step sign-in again.',
            'If you did not ask your administrator for this, tell them at once.',
          ],
        },
      };
    case 'factor-disabled':
      return {
        subject: message.lastFactor ? 'Two-step sign-in was turned off' : 'A sign-in method was removed',
        body: {
          paragraphs: [
            `${FACTOR_NAMES[message.factor]} was just removed from your account at ${site}.`,
            ...(message.lastFactor ? ['Your account is now protected by its password alone.'] : []),
            'If you did not do this, reset your password now and tell your administrator.',
          ],
        },
      };
  }
}

/** A security notice: what happened, then what to do if it was not the owner. */
function notice(subject: string, paragraphs: string[]): Template {
  return { subject, body: { paragraphs: [...paragraphs, 'If you did not do this, reset your password now and tell your administrator.'] } };
}

const FACTOR_NAMES = { totp: 'An authenticator app', webauthn: 'A passkey', recovery_code: 'Your recovery codes' } as const;

const linkValidity = (ttlSeconds: number) => `The link works once and expires in ${describeDuration(ttlSeconds)}.`;
