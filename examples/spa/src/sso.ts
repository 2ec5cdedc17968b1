import type { App, Notice } from './app';
import { config } from './config';
import { h } from './dom';

/** Where the provider sends the browser back: this page, so `restore()` picks up the refresh cookie. */
const returnTo = () => `${location.origin}${location.pathname}`;

const SSO_ERRORS: Record<string, string> = {
  provider_unavailable: 'The identity provider did not answer. Try again later.',
  sso_failed: 'Single sign-on did not complete.',
  account_exists_link_required: 'An account with this email exists already: sign in with its password first.',
  account_disabled: 'This account is disabled. Contact your administrator.',
  email_not_verified: 'Confirm your email address first (see the mail we sent).',
};

/**
 * After a single sign-on round trip the service redirects here, with `?error=` when it failed. (In cookie
 * mode a success carries nothing: the refresh cookie is set and `restore()` signs in.) The query is removed
 * from the address bar so a reload does not show the message again.
 */
export function takeSsoReturn(): Notice | undefined {
  const params = new URLSearchParams(location.search);
  const error = params.get('error');
  if (!error && !params.has('linkToken')) return undefined;
  history.replaceState(null, '', location.pathname);
  return error ? { kind: 'error', text: SSO_ERRORS[error] ?? 'Single sign-on did not complete.' } : undefined;
}

/** A top-level navigation to the service's SSO start (not a fetch: the provider's pages must show). */
export function startSso(app: App, provider: string): void {
  location.assign(app.session.ssoSignInUrl(provider, returnTo()));
}

/** Home-realm discovery: the provider that owns the email's domain. */
export function startSsoForEmail(email: string): void {
  const query = new URLSearchParams({ email, returnTo: returnTo() });
  location.assign(`${config.baseUrl}/v1/auth/sso/start?${query}`);
}

/** `sso_required`: the service says where this address signs in; add where to come back to. */
export function followSsoStartUrl(startUrl: string): void {
  const url = new URL(startUrl, location.origin);
  url.searchParams.set('returnTo', returnTo());
  location.assign(url.toString());
}

/**
 * One "Sign in with <provider>" button per configured provider (VITE_SSO_PROVIDERS), and "Use company
 * single sign-on" for the address typed above. The service has no public list of its providers (it would
 * tell strangers which companies use it), so the deployment names the ones it wants to show.
 */
export function ssoSection(app: App, emailInput: () => string): HTMLElement {
  const providerButtons = config.ssoProviders.map(({ id, label }) =>
    h('button', { type: 'button', 'data-provider': id, onclick: () => startSso(app, id) }, `Sign in with ${label}`),
  );
  const byEmail = h('button', {
    type: 'button',
    class: 'link',
    onclick: () => {
      const email = emailInput();
      if (!email) return app.notify({ kind: 'error', text: 'Type your work email first.' });
      startSsoForEmail(email);
    },
  }, 'Use my company’s single sign-on (work email)');
  return h('div', { class: 'sso' }, ...providerButtons, h('div', {}, byEmail));
}
