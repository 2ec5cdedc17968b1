import { BEARER } from '../lib/accounts';
import { cannon, CannonResult } from '../lib/cannon';

export const REFRESH_CONNECTIONS = 32;

/** One rotation chain per connection; `tokens` advance as the chains rotate (so a later run continues them). */
export interface RefreshChains {
  readonly tokens: string[];
  /** Unused sessions that replace a chain a non-200 answer broke. */
  readonly spares: string[];
}

/** Where rotation is posted ({ refreshToken } in and out): ours by default, a reference service's otherwise. */
export interface RefreshEndpoint {
  readonly path: string;
  readonly headers: Record<string, string>;
}

const OURS: RefreshEndpoint = { path: '/v1/auth/refresh', headers: BEARER };

/**
 * POST /v1/auth/refresh (bearer mode) at 32 connections, each rotating its own session: every answer's
 * refresh token is the next request's. Measures the CAS UPDATE + user read + ES256 signing path.
 */
export async function refresh(url: URL, chains: RefreshChains, seconds: number, endpoint: RefreshEndpoint = OURS): Promise<CannonResult> {
  let next = 0;
  return cannon({
    url,
    connections: REFRESH_CONNECTIONS,
    seconds,
    setupClient: (client) => {
      const chain = next++ % chains.tokens.length;
      client.setRequests([
        {
          method: 'POST',
          path: endpoint.path,
          headers: { ...endpoint.headers, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ refreshToken: chains.tokens[chain] }) }),
          onResponse: (status, body) => {
            if (status === 200) chains.tokens[chain] = (JSON.parse(body) as { refreshToken: string }).refreshToken;
            else chains.tokens[chain] = chains.spares.pop() ?? chains.tokens[chain];
          },
        },
      ]);
    },
  });
}
