import type { App } from '../app';
import { field, h, onSubmit } from '../dom';

/** A new account. The service checks the password policy (length, common and guessable passwords). */
export function signUpScreen(app: App): HTMLElement {
  const form = h(
    'form',
    { class: 'card', 'data-form': 'sign-up' },
    h('h1', {}, 'Create an account'),
    field('Email', 'email', 'email', { autocomplete: 'username' }),
    field('Password (15 characters or more; a few unrelated words work well)', 'password', 'password', { autocomplete: 'new-password', minlength: '8' }),
    h('button', { type: 'submit' }, 'Create account'),
  );
  onSubmit(
    form,
    async ({ email, password }) => {
      const result = await app.session.signUp({ email, password });
      // With IDENTSPHERE_REQUIRE_VERIFIED_EMAIL=true no session starts until the address is confirmed.
      if (result.status !== 'signedIn') app.showSignIn({ kind: 'info', text: `We sent a confirmation link to ${email}. Open it, then sign in.` });
    },
    (error) => app.fail(error),
  );
  return h(
    'div',
    { 'data-screen': 'sign-up' },
    form,
    h('p', {}, 'Have an account? ', h('button', { type: 'button', class: 'link', onclick: () => app.showSignIn() }, 'Sign in')),
  );
}
