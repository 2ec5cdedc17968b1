import type { ClientsService, MachineClient } from '@identsphere/clients';
import { OAuthError } from '../oauth-error';
import { ClientAuthentication } from './client-authentication';

const ID = 'isc_AAAAAAAAAAAAAAAAAAAAAA';
const SECRET = 'iscs_a:b+c%d';

/** A fake that accepts exactly ID/SECRET and records what it was asked. */
function fakeClients() {
  const asked: Array<[string, string]> = [];
  const clients = {
    authenticate: async (id: string, secret: string) => {
      asked.push([id, secret]);
      return id === ID && secret === SECRET ? ({ id } as MachineClient) : null;
    },
  };
  return { asked, auth: new ClientAuthentication(clients as unknown as ClientsService) };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const errorOf = (promise: Promise<unknown>) => promise.then(() => 'none', (e) => (e instanceof OAuthError ? `${e.status} ${e.error}` : 'other'));

describe('ClientAuthentication', () => {
  it('decodes client_secret_basic, whose parts are form-encoded (RFC 6749 §2.3.1)', async () => {
    const { auth, asked } = fakeClients();
    await expect(auth.authenticate(basic(ID, encodeURIComponent(SECRET)), {})).resolves.toEqual({ id: ID });
    expect(asked).toEqual([[ID, SECRET]]);
  });

  it('accepts client_secret_post', async () => {
    await expect(fakeClients().auth.authenticate(undefined, { client_id: ID, client_secret: SECRET })).resolves.toEqual({ id: ID });
  });

  it.each([
    ['no credentials', undefined, {}],
    ['an id without a secret', undefined, { client_id: ID }],
    ['a Basic value without a colon', `Basic ${Buffer.from(ID).toString('base64')}`, {}],
    ['a Basic value that is not base64', 'Basic ***', {}],
    ['a broken percent-encoding', basic(ID, '%E0%A4%A'), {}],
    ['a wrong secret', basic(ID, 'iscs_wrong'), {}],
    ['a Bearer token', 'Bearer abc', {}],
  ])('answers 401 invalid_client for %s', async (_what, header, posted) => {
    expect(await errorOf(fakeClients().auth.authenticate(header, posted))).toBe('401 invalid_client');
  });

  it('refuses two authentication methods at once with 400 invalid_request', async () => {
    expect(await errorOf(fakeClients().auth.authenticate(basic(ID, SECRET), { client_id: ID, client_secret: SECRET }))).toBe('400 invalid_request');
  });
});
