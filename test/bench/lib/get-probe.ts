import { BenchHttpClient, sleep } from './http-client';
import { LatencySummary, summarize, Tally } from './stats';

export type ProbeSummary = LatencySummary & { readonly statuses: Record<string, number> };

/**
 * One GET every `intervalMs` on its own connection, each waiting for the previous answer (a slow answer
 * delays the next sample rather than piling up requests): a user's request while the service is busy.
 */
export class GetProbe {
  private readonly ms: number[] = [];
  private readonly statuses = new Tally();
  private readonly client: BenchHttpClient;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    baseUrl: URL,
    private readonly path: string,
    private readonly headers: Record<string, string> = {},
    private readonly intervalMs = 100,
  ) {
    this.client = new BenchHttpClient(baseUrl, 1, 10_000);
    this.loop = this.run();
  }

  async stop(): Promise<ProbeSummary> {
    this.stopped = true;
    await this.loop;
    this.client.close();
    return { ...summarize(this.ms), statuses: this.statuses.toJSON() };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      const res = await this.client.send({ method: 'GET', path: this.path, headers: this.headers }).catch(() => null);
      this.statuses.add(res?.status ?? 'error');
      // A probe that got no answer (10 s timeout) counts with the time it waited: leaving it out would
      // flatter the slowest service.
      this.ms.push(res ? res.ms : Date.now() - started);
      await sleep(this.intervalMs - (Date.now() - started));
    }
  }
}
