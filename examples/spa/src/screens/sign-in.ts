import { isProblem } from '@identsphere/spa';
import type { App } from '../app';
import { field, h, onSubmit } from '../dom';
import { followSsoStartUrl, ssoSection } from '../sso';
import { mfaScreen } from './mfa';
import { signUpScreen } from './sign-up';

/** Password, passkey or single sign-on. A completed sign-in fires `signedIn`, which shows the account page. */
export function signInScreen(app: App): HTMLElement {
  const form = h(
    'form',
    { class: 'card', 'data-form': 'sign-in' },
    h('h1', {}, 'Sign in'),
    field('Email', 'email', 'email', { autocomplete: 'username webauthn' }),
    field('Password', 'password', 'password', { autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Sign in'),
  );
  onSubmit(
    form,
    async ({ email, password }) => {
      try {
        const result = await app.session.signIn({ email, password });
        if (result.status === 'mfaRequired') app.show(mfaScreen(result.methods));
      } catch (error) {
        // The address belongs to a company that signs in through its own provider.
        if (isProblem(error, 'sso_required') && error.problem.startUrl) return followSsoStartUrl(error.problem.startUrl);
        throw error;
      }
    },
    (error) => app.fail(error),
  );

  const passkey = h('button', {
    type: 'button',
    'data-action': 'passkey-sign-in',
    onclick: () => {
      app.session.signInWithPasskey().catch((error: unknown) => app.fail(error));
    },
  }, 'Sign in with a passkey');

  const emailValue = () => form.querySelector<HTMLInputElement>('input[name=email]')!.value.trim();
  return h(
    'div',
    { 'data-screen': 'sign-in' },
    form,
    h('section', {}, h('h2', {}, 'Other ways in'), passkey, ssoSection(app, emailValue)),
    h('p', {}, 'New here? ', h('button', { type: 'button', class: 'link', onclick: () => app.show(signUpScreen) }, 'Create an account')),
  );
}
