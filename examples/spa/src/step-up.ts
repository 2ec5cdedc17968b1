import { stepUpMethods, type StepUpInput, type StepUpMethod } from '@identsphere/spa';
import type { App } from './app';
import { field, h, onSubmit } from './dom';

/**
 * Sensitive operations (adding a passkey, changing the password...) need a recent sign-in. Runs `action`;
 * when the service answers `step_up_required`, asks in `host` for one of the methods the problem lists,
 * steps up and runs `action` once more. Resolves with its result, or undefined when the person cancels.
 */
export function withStepUp<T>(app: App, host: HTMLElement, action: () => Promise<T>): Promise<T | undefined> {
  return action().catch((error: unknown) => {
    const methods = stepUpMethods(error);
    if (!methods) throw error;
    return new Promise<T | undefined>((resolve, reject) => {
      const form = stepUpForm(app, methods, {
        confirm: async (input) => {
          await app.session.stepUp(input);
          form.remove();
          action().then(resolve, reject);
        },
        cancel: () => {
          form.remove();
          resolve(undefined);
        },
      });
      host.append(form);
    });
  });
}

interface StepUpHandlers {
  confirm(input: StepUpInput): Promise<void>;
  cancel(): void;
}

/** A code when the account has a second factor (the service wants `acr: mfa` then), else the password. */
function stepUpForm(app: App, methods: readonly StepUpMethod[], { confirm, cancel }: StepUpHandlers): HTMLElement {
  const codeMethod = methods.includes('totp') ? 'totp' : methods.includes('recovery_code') ? 'recovery_code' : undefined;
  const passkey = methods.includes('webauthn')
    ? h('button', { type: 'button', onclick: () => confirm({ method: 'webauthn' }).catch((error: unknown) => app.fail(error)) }, 'Use a passkey')
    : null;
  const form = h(
    'form',
    { class: 'card', 'data-form': 'step-up' },
    h('h2', {}, 'Confirm it is you'),
    codeMethod
      ? field(codeMethod === 'totp' ? 'Authenticator code' : 'Recovery code', 'code', 'text', { autocomplete: 'one-time-code' })
      : methods.includes('password')
        ? field('Password', 'password', 'password', { autocomplete: 'current-password' })
        : null,
    codeMethod || methods.includes('password') ? h('button', { type: 'submit' }, 'Confirm') : null,
    passkey,
    h('button', { type: 'button', class: 'link', onclick: cancel }, 'Cancel'),
  );
  onSubmit(
    form,
    ({ password, code }) => confirm(codeMethod ? { method: codeMethod, code: code.trim() } : { method: 'password', password }),
    (error) => app.fail(error),
  );
  return form;
}
