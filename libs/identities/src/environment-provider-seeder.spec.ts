import type { AppConfig } from '@identsphere/config';
import type { DatabaseConnector } from '@identsphere/database';
import { EnvironmentProviderSeeder } from './environment-provider-seeder';
import type { IdentityProvider } from './identity-provider';
import type { IdentityProviders } from './identity-providers';

const LISTED = { oidcProviders: [{ id: 'acme' }] } as unknown as AppConfig;
const NONE = { oidcProviders: [] } as unknown as AppConfig;

function rig(config: AppConfig, existing: Array<Pick<IdentityProvider, 'managedBy'>> = []) {
  const connector = { isReady: true };
  const seedFromEnvironment = jest.fn().mockResolvedValue({ upserted: ['acme'], removed: [] });
  const providers = { seedFromEnvironment, list: jest.fn().mockResolvedValue(existing) } as unknown as IdentityProviders;
  const seeder = new EnvironmentProviderSeeder(providers, connector as DatabaseConnector, config);
  return { connector, seedFromEnvironment, seeder };
}

describe('EnvironmentProviderSeeder', () => {
  afterEach(() => jest.useRealTimers());

  it('seeds at boot when the database is ready', async () => {
    const { seeder, seedFromEnvironment } = rig(LISTED);
    await seeder.onApplicationBootstrap();
    expect(seedFromEnvironment).toHaveBeenCalledTimes(1);
  });

  it('skips the seed when nothing is listed and nothing was seeded before, but prunes what an earlier boot seeded', async () => {
    const quiet = rig(NONE, [{ managedBy: 'api' }]);
    await quiet.seeder.onApplicationBootstrap();
    expect(quiet.seedFromEnvironment).not.toHaveBeenCalled();
    const prune = rig(NONE, [{ managedBy: 'env' }]);
    await prune.seeder.onApplicationBootstrap();
    expect(prune.seedFromEnvironment).toHaveBeenCalledTimes(1);
  });

  it('fails the boot when the seed is refused', async () => {
    const { seeder, seedFromEnvironment } = rig(LISTED);
    seedFromEnvironment.mockRejectedValue(new Error('IDENTSPHERE_OIDC_PROVIDERS: provider acme lists acme.com, owned by a provider managed through the API'));
    await expect(seeder.onApplicationBootstrap()).rejects.toThrow('acme.com');
  });

  it('starts without the database and seeds once it is reachable', async () => {
    jest.useFakeTimers();
    const { seeder, connector, seedFromEnvironment } = rig(LISTED);
    connector.isReady = false;
    await seeder.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(seedFromEnvironment).not.toHaveBeenCalled();
    connector.isReady = true;
    await jest.advanceTimersByTimeAsync(2_000);
    expect(seedFromEnvironment).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(seedFromEnvironment).toHaveBeenCalledTimes(1);
  });

  it('stops retrying at shutdown', async () => {
    jest.useFakeTimers();
    const { seeder, connector, seedFromEnvironment } = rig(LISTED);
    connector.isReady = false;
    await seeder.onApplicationBootstrap();
    seeder.onApplicationShutdown();
    connector.isReady = true;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(seedFromEnvironment).not.toHaveBeenCalled();
  });
});
