import type { Session } from '@identsphere/spa';
import type { App } from './app';

/**
 * A small window hook for automated browser tests and for poking at the session from the dev tools
 * console. It exposes no token: only the state the page shows anyway and a way to fire API calls.
 */
export interface ExampleProbe {
  /** The session's state: 'unknown', 'signedIn' or 'signedOut'. */
  status(): string;
  /** The screen on display ('sign-in', 'account'...). */
  screen(): string;
  /**
   * At `startAt` (epoch milliseconds; lets several tabs fire at the same moment), sends `count` GET /v1/me
   * at once through the session's client; answers their HTTP statuses, or the error's text for a call
   * that never got an answer.
   */
  burst(count: number, startAt?: number): Promise<(number | string)[]>;
  /** The types of the account's newest security events. */
  securityEventTypes(): Promise<string[]>;
}

declare global {
  interface Window {
    __app?: ExampleProbe;
  }
}

export function installProbe(session: Session, app: App): void {
  window.__app = {
    status: () => session.status,
    screen: () => app.screen,
    burst: async (count, startAt = Date.now()) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
      const one = () => session.client.GET('/v1/me').then(({ response }) => response.status, (error: unknown) => (error instanceof Error ? error.message : String(error)));
      return Promise.all(Array.from({ length: count }, one));
    },
    securityEventTypes: async () => {
      const { data } = await session.client.GET('/v1/me/events', { params: { query: { limit: 100 } } });
      return (data?.items ?? []).map((event) => event.type);
    },
  };
}
