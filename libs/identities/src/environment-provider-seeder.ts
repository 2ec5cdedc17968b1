import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { DatabaseConnector, isDatabaseUnavailableError } from '@identsphere/database';
import { IdentityProviders } from './identity-providers';

const RETRY_DELAY_MS = 2_000;

/**
 * Seeds IDENTSPHERE_OIDC_PROVIDERS at boot. When PostgreSQL is not reachable yet the service still starts
 * (like the connector) and the seed retries until it is; a seed the database refuses for a reason that
 * retrying cannot fix (a domain owned by an API provider) fails the boot with that reason.
 */
@Injectable()
export class EnvironmentProviderSeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdentityProviders');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly providers: IdentityProviders,
    private readonly connector: DatabaseConnector,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.connector.isReady) await this.seed();
    else this.retryLater();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async seed(): Promise<void> {
    // Nothing listed and nothing seeded before is the common case: skip the transaction.
    if (this.config.oidcProviders.length === 0 && (await this.providers.list()).every((p) => p.managedBy !== 'env')) return;
    const { upserted, removed } = await this.providers.seedFromEnvironment();
    this.logger.log(`identity providers seeded from the environment ids=${upserted.join(',') || '-'} removed=${removed.join(',') || '-'}`);
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const attempt = this.connector.isReady ? this.seed() : Promise.reject(new Error('database not ready'));
      attempt.catch((error: unknown) => {
        if (!isDatabaseUnavailableError(error) && this.connector.isReady) this.logger.error(`identity provider seed failed: ${(error as Error).message}`);
        else this.retryLater();
      });
    }, RETRY_DELAY_MS);
    this.timer.unref();
  }
}
