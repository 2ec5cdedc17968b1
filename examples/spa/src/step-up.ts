import type { App } from './app';
import { field, h, onSubmit } from './dom';
import { problemOf } from './errors';

/**
 * Sensitive operations (adding a passkey, changing the password...) need a recent sign-in. Runs `action`;
 * when the service answers `step_up_required`, asks in `host` for one of the methods the problem lists,
 * steps up and runs `action` once more. Resolves with its result, or undefined when the person cancels.
 */
export function withStepUp<T>(app: App, host: HTMLElement, action: () => Promise<T>): Promise<T | undefined> {
  return action().catch((error: unknown) => {
    const problem = problemOf(error);
    if (problem?.code !== 'step_up_required') throw error;
    return new Promise<T | undefined>((resolve, reject) => {
      const done = (run: () => Promise<unknown>) => async () => {
        await run();
        form.remove();
        action().then(resolve, reject);
      };
      const form = stepUpForm(app, problem.methods ?? ['password'], done, () => {
        form.remove();
        resolve(undefined);
      });
      host.append(form);
    });
  });
}

function stepUpForm(app: App, methods: readonly string[], done: (run: () => Promise<unknown>) => () => Promise<void>, cancel: () => void): HTMLElement {
  const useCode = methods.includes('totp') ? 'totp' : methods.includes('recovery_code') ? 'recovery_code' : undefined;
  const form = h(
    'form',
    { class: 'card', 'data-form': 'step-up' },
    h('h2', {}, 'Confirm it is you'),
    useCode ? field(useCode === 'totp' ? 'Authenticator code' : 'Recovery code', 'code', 'text', { autocomplete: 'one-time-code' }) : field('Password', 'password', 'password', { autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Confirm'),
    methods.includes('webauthn') ? h('button', { type: 'button', onclick: () => void done(() => app.session.stepUp({ method: 'webauthn' }))().catch((error: unknown) => app.fail(error)) }, 'Use a passkey') : null,
    h('button', { type: 'button', class: 'link', onclick: cancel }, 'Cancel'),
  );
  onSubmit(
    form,
    ({ password, code }) => done(() => (useCode ? app.session.stepUp({ method: useCode, code: code.trim() }) : app.session.stepUp({ method: 'password', password })))(),
    (error) => app.fail(error),
  );
  return form;
}
