import { createSession } from '@identsphere/spa';
import { App } from './app';
import { config } from './config';
import { installProbe } from './probe';
import { accountScreen } from './screens/account';
import { signInScreen } from './screens/sign-in';
import { takeSsoReturn } from './sso';

// One session per page. It keeps the access token in memory only; the refresh token lives in an HttpOnly
// cookie that no script here can read. Tabs coordinate their refreshes through the spa package.
const session = createSession({ baseUrl: config.baseUrl });
const app = new App(session, document.querySelector<HTMLElement>('#app')!, document.querySelector<HTMLElement>('#session-status')!, signInScreen);

// The session tells every tab what happened, whichever tab did it: follow along.
session.on('signedIn', () => {
  if (app.screen !== 'account') app.show(accountScreen);
  else app.refreshBadge();
});
session.on('signedOut', () => app.showSignIn({ kind: 'info', text: 'You are signed out.' }));
session.on('sessionExpired', () => app.showSignIn({ kind: 'error', text: 'Your session has ended. Please sign in again.' }));

async function start(): Promise<void> {
  const ssoNotice = takeSsoReturn();
  // Page load: one silent refresh from the cookie decides whether we are signed in.
  await session.restore();
  app.show(session.status === 'signedIn' ? accountScreen : signInScreen, ssoNotice);
}

installProbe(session, app);
start().catch((error: unknown) => {
  app.showSignIn();
  app.fail(error);
});
