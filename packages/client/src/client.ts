import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/api.js';

/** `cookie`: browsers, refresh token in an HttpOnly cookie. `bearer`: servers and apps that keep the refresh token themselves. */
export type AuthMode = 'cookie' | 'bearer';

export interface IdentSphereClientOptions {
  /** The service's public base URL, e.g. `https://auth.example.com`; `''` for the page's own origin. */
  readonly baseUrl: string;
  readonly mode: AuthMode;
  /** Defaults to the global fetch (browsers, Node 20+, Deno, Bun). */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** The access token to send as `Authorization: Bearer`, when there is one. Not called when a request sets its own. */
  readonly accessToken?: () => string | null | Promise<string | null>;
}

export type IdentSphereClient = Client<paths>;

/**
 * The headers each mode needs on every request (docs/api.md "Token transport"): cookie mode sends the
 * cookie along (`credentials: 'include'`, also cross-origin) with the CSRF header the refresh cookie
 * requires; bearer mode asks for the refresh token in the body instead of a cookie.
 */
function transportMiddleware(mode: AuthMode): Middleware {
  return {
    onRequest({ request }) {
      if (mode === 'cookie') request.headers.set('X-IdentSphere-CSRF', '1');
      else request.headers.set('X-Auth-Mode', 'bearer');
      return request;
    },
  };
}

function accessTokenMiddleware(accessToken: NonNullable<IdentSphereClientOptions['accessToken']>): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has('Authorization')) return request;
      const token = await accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

/** A typed client of the whole API (openapi-fetch over the generated `paths`). */
export function createIdentSphereClient(options: IdentSphereClientOptions): IdentSphereClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    // Late-bound, so a fetch patched after the client was created (tests, polyfills) is still the one used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    credentials: options.mode === 'cookie' ? 'include' : 'same-origin',
  });
  client.use(transportMiddleware(options.mode));
  if (options.accessToken) client.use(accessTokenMiddleware(options.accessToken));
  return client;
}
