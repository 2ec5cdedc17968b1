import { describeFleet, FAULT_TEST_TIMEOUT_MS, useFleet } from './fleet-spec-support';
import { signedInClients } from './traffic/fleet-client';
import { SteadyTraffic } from './traffic/steady-traffic';

const CLIENTS = 12;

describeFleet('a fleet of 3 instances behind HAProxy: instances dying and rolling deploys under traffic', () => {
  const fleet = useFleet();

  it('SIGKILL of one instance fails only the requests in flight on it; every client goes on with its refresh token; a restart rejoins', async () => {
    const f = fleet();
    const clients = await signedInClients(f.url, CLIENTS);
    const traffic = new SteadyTraffic(clients);
    await traffic.progress(100);

    const killedAt = Date.now();
    await f.kill(1);
    await f.proxy!.waitUntilDown(1);
    const downAt = Date.now();
    await traffic.progress(150);
    const restartedAt = Date.now();
    await f.restart(1);
    await traffic.progress(150);
    const report = await traffic.stop();

    expect(report.broken).toEqual([]);
    // Each client has at most one request in flight: on the killed instance that one may fail (HAProxy
    // answers 502 or drops the client connection: the instance's connection died mid-request). Nothing
    // else fails: new connections to the dead instance are retried elsewhere, then it is out of rotation.
    const failures = report.failures();
    expect(failures.length).toBeLessThanOrEqual(CLIENTS);
    for (const failure of failures) {
      expect([0, 502]).toContain(failure.status); // 0: dropped
      expect(failure.at).toBeGreaterThanOrEqual(killedAt - 5_000);
      expect(failure.at).toBeLessThanOrEqual(downAt);
    }
    expect(report.count((o) => o.instance === 'i1' && o.at > killedAt && o.at < restartedAt)).toBe(0);
    expect(report.count((o) => o.instance === 'i1' && o.at > restartedAt && o.status === 200)).toBeGreaterThan(0);
    for (const c of clients) expect((await c.refresh()).status).toBe(200);
  }, FAULT_TEST_TIMEOUT_MS);

  // As ECS behind an ALB does it: the target is deregistered (drained), then SIGTERMed. A bare SIGTERM while
  // the balancer still routes there loses the requests that HAProxy sends into keep-alive connections the
  // draining instance closes at once (the service has no deregistration delay: see docs/deploy.md).
  it('a rolling deploy (deregister, SIGTERM, start, re-register) through all three instances under traffic fails no request', async () => {
    const f = fleet();
    const clients = await signedInClients(f.url, CLIENTS);
    const traffic = new SteadyTraffic(clients);
    await traffic.progress(100);

    for (let i = 0; i < 3; i++) {
      expect(await f.deregisterAndTerminate(i)).toBe(0);
      await traffic.progress(50);
      await f.restart(i);
      await traffic.progress(50);
    }
    const report = await traffic.stop();

    expect(report.broken).toEqual([]);
    expect(report.failures()).toEqual([]);
    expect([...report.instances()].sort()).toEqual(['i0', 'i1', 'i2']);
    for (const c of clients) expect((await c.refresh()).status).toBe(200);
  }, FAULT_TEST_TIMEOUT_MS);
});
