import { BEARER } from './accounts';
import { BenchHttpClient, jsonOf, sleep } from './http-client';
import { LatencySummary, summarize, Tally } from './stats';

export interface ProbeResult {
  readonly health: LatencySummary & { readonly statuses: Record<string, number> };
  readonly refresh: LatencySummary & { readonly statuses: Record<string, number> };
}

/**
 * The side probe of the login storm: one `GET /health` and one bearer-mode `POST /v1/auth/refresh` every
 * `intervalMs`, each on its own connection, each probe waiting for its previous answer (a slow answer
 * delays the next sample rather than piling up requests).
 */
export class SideProbe {
  private readonly healthMs: number[] = [];
  private readonly refreshMs: number[] = [];
  private readonly healthStatuses = new Tally();
  private readonly refreshStatuses = new Tally();
  private readonly healthClient: BenchHttpClient;
  private readonly refreshClient: BenchHttpClient;
  private stopped = false;
  private readonly loops: Promise<void>[];

  constructor(
    baseUrl: URL,
    private refreshToken: string,
    private readonly intervalMs = 100,
  ) {
    this.healthClient = new BenchHttpClient(baseUrl, 1, 10_000);
    this.refreshClient = new BenchHttpClient(baseUrl, 1, 10_000);
    this.loops = [this.loop(() => this.probeHealth()), this.loop(() => this.probeRefresh())];
  }

  /** Stops sampling and returns the summaries; also hands back the chain's newest refresh token. */
  async stop(): Promise<ProbeResult & { refreshToken: string }> {
    this.stopped = true;
    await Promise.all(this.loops);
    this.healthClient.close();
    this.refreshClient.close();
    return {
      health: { ...summarize(this.healthMs), statuses: this.healthStatuses.toJSON() },
      refresh: { ...summarize(this.refreshMs), statuses: this.refreshStatuses.toJSON() },
      refreshToken: this.refreshToken,
    };
  }

  private async loop(probe: () => Promise<void>): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      await probe().catch(() => undefined);
      await sleep(this.intervalMs - (Date.now() - started));
    }
  }

  private async probeHealth(): Promise<void> {
    const res = await this.healthClient.send({ method: 'GET', path: '/health' }).catch(() => null);
    this.healthStatuses.add(res?.status ?? 'error');
    if (res) this.healthMs.push(res.ms);
  }

  private async probeRefresh(): Promise<void> {
    const res = await this.refreshClient
      .send({ method: 'POST', path: '/v1/auth/refresh', headers: BEARER, json: { refreshToken: this.refreshToken } })
      .catch(() => null);
    this.refreshStatuses.add(res?.status ?? 'error');
    if (!res) return;
    this.refreshMs.push(res.ms);
    if (res.status === 200) this.refreshToken = jsonOf<{ refreshToken: string }>(res, 'refresh').refreshToken;
  }
}
