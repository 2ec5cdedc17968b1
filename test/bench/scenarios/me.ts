import { Account } from '../lib/accounts';
import { cannon, CannonResult } from '../lib/cannon';

export const ME_CONNECTIONS = 32;

/** GET /v1/me at 32 connections, each signed in as its own account: the guard's JWT check + session lookup + user read. */
export async function me(url: URL, accounts: readonly Account[], seconds: number): Promise<CannonResult> {
  let next = 0;
  return cannon({
    url,
    connections: ME_CONNECTIONS,
    seconds,
    setupClient: (client) => {
      const account = accounts[next++ % accounts.length];
      client.setRequests([{ method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${account.accessToken}` } }]);
    },
  });
}
