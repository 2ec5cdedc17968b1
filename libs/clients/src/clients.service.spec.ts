import type { AppConfig } from '@identsphere/config';
import type { TransactionHost } from '@identsphere/database';
import type { ClientActor, ClientAudit } from './client-audit';
import { ClientsService } from './clients.service';
import type { MachineClient } from './machine-client';
import type { MachineClientsRepository, StoredSecretDigests } from './persistence/machine-clients.repository';

const ACTOR: ClientActor = { caller: { kind: 'client', clientId: 'isc_actor000000000000000000', scopes: ['admin'] }, context: { ip: '192.0.2.1', userAgent: null } };
const CONFIG = { tokens: { secret: 'root-secret-0123456789abcdefghijklmnopqrstuvwxyz' } } as AppConfig;

/** An in-memory stand-in for the repository: one row per client, digests kept beside it. */
function fakeRepository() {
  const rows = new Map<string, StoredSecretDigests>();
  const lookups: string[] = [];
  const client = (id: string, scopes: MachineClient['scopes']): MachineClient => ({ id, name: 'n', scopes, createdAt: new Date(), secretRotatedAt: new Date(), previousSecretExpiresAt: null, disabledAt: null });
  const repo = {
    create: async (input: { id: string; scopes: MachineClient['scopes']; secretDigest: string }) => {
      rows.set(input.id, { client: client(input.id, input.scopes), current: input.secretDigest, previous: null });
      return rows.get(input.id)!.client;
    },
    findWithDigests: async (id: string) => (lookups.push(id), rows.get(id) ?? null),
    rotate: async (id: string, digest: string) => {
      const row = rows.get(id);
      if (!row) return null;
      rows.set(id, { ...row, current: digest, previous: row.current });
      return row.client;
    },
    setDisabled: async (id: string, disabled: boolean) => {
      const row = rows.get(id);
      if (!row) return null;
      rows.set(id, { ...row, client: { ...row.client, disabledAt: disabled ? new Date() : null } });
      return rows.get(id)!.client;
    },
  };
  return { repo: repo as unknown as MachineClientsRepository, lookups };
}

function service() {
  const { repo, lookups } = fakeRepository();
  const events: Array<[string, string]> = [];
  const audit = { record: async (type: string, clientId: string) => void events.push([type, clientId]) } as unknown as ClientAudit;
  const tx = { run: <T>(fn: () => Promise<T>) => fn() } as unknown as TransactionHost;
  return { clients: new ClientsService(repo, tx, audit, CONFIG), events, lookups };
}

describe('ClientsService', () => {
  it('authenticates with the secret it showed once, and records the creation', async () => {
    const { clients, events } = service();
    const { client, secret } = await clients.create({ name: 'n', scopes: ['introspect'] }, ACTOR);
    expect((await clients.authenticate(client.id, secret))?.id).toBe(client.id);
    expect(await clients.authenticate(client.id, `${secret}x`)).toBeNull();
    expect(events).toEqual([['client_created', client.id]]);
  });

  it('keeps the previous secret working after a rotation, and refuses a disabled client', async () => {
    const { clients, events } = service();
    const { client, secret: first } = await clients.create({ name: 'n', scopes: ['admin'] }, ACTOR);
    const { secret: second } = await clients.rotateSecret(client.id, ACTOR);
    expect([(await clients.authenticate(client.id, first))?.id, (await clients.authenticate(client.id, second))?.id]).toEqual([client.id, client.id]);
    await clients.disable(client.id, ACTOR);
    expect(await clients.authenticate(client.id, second)).toBeNull();
    expect(events.map(([type]) => type)).toEqual(['client_created', 'client_secret_rotated', 'client_disabled']);
  });

  it('answers not_found for unknown and malformed ids without recording anything, and never looks malformed ids up', async () => {
    const { clients, events, lookups } = service();
    await expect(clients.disable('isc_AAAAAAAAAAAAAAAAAAAAAA', ACTOR)).rejects.toMatchObject({ code: 'not_found' });
    await expect(clients.rotateSecret('../etc', ACTOR)).rejects.toMatchObject({ code: 'not_found' });
    expect(await clients.authenticate('not-an-id', 'iscs_x')).toBeNull();
    expect(await clients.isActive('not-an-id')).toBe(false);
    expect([events, lookups]).toEqual([[], []]);
  });
});
