import { describeFleet, FAULT_TEST_TIMEOUT_MS, useFleet } from './fleet-spec-support';
import { GiveUp, waitFor } from './rig/processes';
import { FleetClient, signedInClients } from './traffic/fleet-client';
import { SteadyTraffic, TrafficReport } from './traffic/steady-traffic';

const CLIENTS = 8;
const OUTAGE_SEEN_TIMEOUT_MS = 20_000;
const RECOVERY_TIMEOUT_MS = 30_000;

/** Sessions survive an outage: each client refreshes and reads /v1/me again. */
async function expectEveryChainAlive(clients: readonly FleetClient[]): Promise<void> {
  for (const c of clients) {
    expect((await c.refresh()).status).toBe(200);
    expect((await c.me()).status).toBe(200);
  }
}

/** During the gap clients get the service's own answer, never a proxy error or a 500. */
function expectOnlyUnavailableAnswers(report: TrafficReport): void {
  expect(report.broken).toEqual([]);
  const failures = report.failures();
  expect(failures.length).toBeGreaterThan(0); // the gap was real
  for (const failure of failures) expect(failure).toMatchObject({ status: 503, code: 'unavailable', retryAfter: expect.stringMatching(/^\d+$/) });
}

describeFleet('a fleet of 3 instances behind PgBouncer (transaction pooling): the pooler and the database restarting under traffic', () => {
  const fleet = useFleet();

  /** Holds the outage until traffic has seen it, so the assertion on the gap's answers is never vacuous. */
  const untilClientsSeeTheOutage = (traffic: SteadyTraffic) => () =>
    waitFor('an unavailable answer during the outage', () => {
      if (traffic.firstBroken) throw new GiveUp(`a client chain broke during the outage: ${JSON.stringify(traffic.firstBroken)}`);
      return traffic.seen((o) => o.code === 'unavailable');
    }, OUTAGE_SEEN_TIMEOUT_MS);

  /** Full recovery without touching an instance: every instance is ready again and new requests all succeed. */
  async function expectRecovery(traffic: SteadyTraffic): Promise<void> {
    const f = fleet();
    for (const i of f.instances) await f.proxy!.waitUntilUp(i.index, RECOVERY_TIMEOUT_MS);
    const recoveredAt = Date.now();
    await traffic.progress(100);
    expect(traffic.count((o) => o.at >= recoveredAt && o.status !== 200)).toBe(0);
  }

  it('PgBouncer restarted: 503 unavailable with Retry-After during the gap, then full recovery with every session intact', async () => {
    const clients = await signedInClients(fleet().url, CLIENTS);
    const traffic = new SteadyTraffic(clients);
    await traffic.progress(50);

    await fleet().restartPgBouncer(untilClientsSeeTheOutage(traffic));
    await expectRecovery(traffic);
    const report = await traffic.stop();

    expectOnlyUnavailableAnswers(report);
    await expectEveryChainAlive(clients);
  }, FAULT_TEST_TIMEOUT_MS);

  it('PostgreSQL restarted: 503 unavailable with Retry-After during the gap, then full recovery with every session intact', async () => {
    const clients = await signedInClients(fleet().url, CLIENTS);
    const traffic = new SteadyTraffic(clients);
    await traffic.progress(50);

    await fleet().restartPostgres(untilClientsSeeTheOutage(traffic));
    await expectRecovery(traffic);
    const report = await traffic.stop();

    expectOnlyUnavailableAnswers(report);
    await expectEveryChainAlive(clients);
  }, FAULT_TEST_TIMEOUT_MS);
});
