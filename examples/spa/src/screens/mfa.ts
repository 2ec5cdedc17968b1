import type { App } from '../app';
import { field, h, onSubmit } from '../dom';

/**
 * The password was right and the account has a second factor: ask for it. `methods` are the account's
 * factors (`totp`, `recovery_code`, `webauthn`); the spa session keeps the short-lived MFA token itself.
 */
export function mfaScreen(methods: readonly string[]): (app: App) => HTMLElement {
  return (app) => {
    const codeForm = (method: 'totp' | 'recovery_code', label: string, inputLabel: string, extra: Record<string, string>) => {
      const form = h('form', { class: 'card', 'data-form': method }, h('h2', {}, label), field(inputLabel, 'code', 'text', extra), h('button', { type: 'submit' }, 'Continue'));
      onSubmit(form, async ({ code }) => void (await app.session.completeMfa({ method, code: code.trim() })), (error) => app.fail(error));
      return form;
    };
    const forms: HTMLElement[] = [];
    if (methods.includes('totp')) forms.push(codeForm('totp', 'Authenticator app', '6-digit code', { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}' }));
    if (methods.includes('webauthn'))
      forms.push(
        h('section', {}, h('h2', {}, 'Passkey'), h('button', { type: 'button', onclick: () => app.session.completeMfa({ method: 'webauthn' }).catch((error: unknown) => app.fail(error)) }, 'Use a passkey')),
      );
    if (methods.includes('recovery_code')) forms.push(codeForm('recovery_code', 'Lost your device? Use a recovery code', 'Recovery code (xxxxx-xxxxx)', { autocomplete: 'off' }));
    return h(
      'div',
      { 'data-screen': 'mfa' },
      h('h1', {}, 'Two-step verification'),
      ...forms,
      h('button', { type: 'button', class: 'link', onclick: () => app.showSignIn() }, 'Start over'),
    );
  };
}
