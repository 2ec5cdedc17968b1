import { FleetClient, Outcome } from './fleet-client';

/** A failure that a fault may cause and a client rides out by retrying with the token it holds. */
export const isTransient = (o: Outcome) => o.status === 0 || o.status === 502 || o.status === 503 || o.status === 504;

export interface TrafficReport {
  readonly outcomes: Outcome[];
  /** Clients whose chain ended in a non-transient failure (e.g. refresh_token_reused), with that outcome. */
  readonly broken: { readonly client: number; readonly outcome: Outcome }[];
  count(filter: (o: Outcome) => boolean): number;
  failures(): Outcome[];
  /** Instances that answered at least one request. */
  instances(): Set<string>;
}

/**
 * Steady refresh + /me traffic from every client in a loop until stop(): the rotation chain of each client
 * must survive whatever the test does to the fleet. A transient failure is retried with the same refresh
 * token after a short pause; anything else ends that client's loop and is reported as broken.
 */
const running = new Set<SteadyTraffic>();

/** Stops every generator still running (a test that failed midway); the fleet specs call it after each test. */
export async function stopAllTraffic(): Promise<void> {
  await Promise.all([...running].map((t) => t.stop()));
}

export class SteadyTraffic {
  private readonly outcomes: Outcome[] = [];
  private readonly broken: { client: number; outcome: Outcome }[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly clients: readonly FleetClient[],
    private readonly pauseMs = 20,
  ) {
    this.loops = clients.map((c, i) => this.loop(c, i));
    running.add(this);
  }

  /** Requests answered so far (any outcome). */
  get sent(): number {
    return this.outcomes.length;
  }

  /** Waits until at least `more` further requests have completed (traffic really runs), or throws. */
  async progress(more: number, timeoutMs = 30_000): Promise<void> {
    const target = this.outcomes.length + more;
    const deadline = Date.now() + timeoutMs;
    while (this.outcomes.length < target) {
      if (Date.now() > deadline) throw new Error(`traffic stalled: ${this.outcomes.length}/${target} requests`);
      if (this.broken.length) throw new Error(`a client chain broke: ${JSON.stringify(this.broken[0])}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The first client whose chain broke, if any (a wait on the traffic should stop there). */
  get firstBroken(): { readonly client: number; readonly outcome: Outcome } | undefined {
    return this.broken[0];
  }

  /** Whether some outcome so far matches. */
  seen(filter: (o: Outcome) => boolean): boolean {
    return this.outcomes.some(filter);
  }

  count(filter: (o: Outcome) => boolean): number {
    return this.outcomes.filter(filter).length;
  }

  async stop(): Promise<TrafficReport> {
    this.stopped = true;
    running.delete(this);
    await Promise.all(this.loops);
    const outcomes = this.outcomes;
    return {
      outcomes,
      broken: this.broken,
      count: (filter) => outcomes.filter(filter).length,
      failures: () => outcomes.filter((o) => o.status !== 200),
      instances: () => new Set(outcomes.flatMap((o) => (o.instance ? [o.instance] : []))),
    };
  }

  private async loop(client: FleetClient, index: number): Promise<void> {
    while (!this.stopped) {
      const refreshed = await client.refresh();
      this.outcomes.push(refreshed);
      if (refreshed.status === 200) {
        const me = await client.me();
        this.outcomes.push(me);
        if (me.status !== 200 && !isTransient(me)) return void this.broken.push({ client: index, outcome: me });
      } else if (!isTransient(refreshed)) {
        return void this.broken.push({ client: index, outcome: refreshed });
      }
      await new Promise((resolve) => setTimeout(resolve, refreshed.status === 200 ? this.pauseMs : 200));
    }
  }
}
