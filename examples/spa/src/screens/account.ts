import { eventsSection } from '../account/events-section';
import { passkeysSection } from '../account/passkeys-section';
import { profileSection } from '../account/profile-section';
import { resourceSection } from '../account/resource-section';
import { sessionsSection } from '../account/sessions-section';
import type { App } from '../app';
import { h } from '../dom';

/** The signed-in page. Every call goes through the session's client: token, refresh and retry are handled there. */
export function accountScreen(app: App): HTMLElement {
  const signOut = h('button', {
    type: 'button',
    'data-action': 'sign-out',
    // The session ends on the server and the `signedOut` event shows the sign-in screen, in every tab.
    onclick: () => app.session.signOut().catch((error: unknown) => app.fail(error)),
  }, 'Sign out');
  return h(
    'div',
    { 'data-screen': 'account' },
    h('h1', {}, 'Your account'),
    signOut,
    profileSection(app),
    resourceSection(app),
    passkeysSection(app),
    sessionsSection(app),
    eventsSection(app),
  );
}
