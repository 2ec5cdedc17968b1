import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { AppConfig } from '@identsphere/config';
import { ReadinessState } from '@identsphere/health';
import { HttpDrain } from './http-drain';

// After the drain, closing modules (pool, embedded database) gets this long. With the default 25 s drain
// bound the whole shutdown stays under ECS's 30 s stopTimeout, after which the task would be SIGKILLed.
const CLOSE_BUDGET_MS = 3_000;

export interface GracefulShutdown {
  /** Runs the shutdown sequence once; later calls get the same promise. Resolves to the exit code. */
  shutdown(reason: string): Promise<number>;
}

/**
 * SIGTERM sequence: readiness turns 503 at once (balancers stop routing here), after
 * IDENTSPHERE_SHUTDOWN_DELAY (default 0) the server stops accepting, in-flight requests finish within IDENTSPHERE_SHUTDOWN_TIMEOUT, idle keep-alive sockets
 * close, then Nest closes the modules (the database pool last) and the process exits 0.
 */
export function createGracefulShutdown(app: INestApplication, config: AppConfig): GracefulShutdown {
  const logger = new Logger('Shutdown');
  const drain = new HttpDrain(app.getHttpServer() as Server);
  let running: Promise<number> | null = null;

  const run = async (reason: string): Promise<number> => {
    app.get(ReadinessState).markShuttingDown();
    const { shutdownDelaySeconds } = config.http;
    if (shutdownDelaySeconds > 0) {
      // A balancer that only learns from health checks (HAProxy, Kubernetes without a preStop hook) still
      // sends requests until enough checks have failed: keep accepting them until it has stopped.
      logger.log(`${reason}: readiness 503, still serving for ${shutdownDelaySeconds} s (IDENTSPHERE_SHUTDOWN_DELAY)`);
      await delay(shutdownDelaySeconds * 1000);
    }
    const boundSeconds = config.http.shutdownTimeoutSeconds;
    logger.log(`${reason}: draining ${drain.inFlightCount} in-flight request(s), at most ${boundSeconds} s`);
    const startedAt = Date.now();
    void drain.stoppedAccepting.then(() => logger.log('stopped accepting connections'));
    if (!(await drain.drain(boundSeconds * 1000))) logger.warn(`drain bound of ${boundSeconds} s reached; remaining connections closed`);
    const closed = await Promise.race([app.close().then(() => true), delay(CLOSE_BUDGET_MS).then(() => false)]);
    if (!closed) logger.warn(`modules did not close within ${CLOSE_BUDGET_MS} ms; exiting anyway`);
    logger.log(`shutdown complete in ${Date.now() - startedAt} ms`);
    return 0;
  };

  return { shutdown: (reason) => (running ??= run(reason)) };
}

/** Wires SIGTERM (ECS, Cloud Run, Fly, Kubernetes) and SIGINT (Ctrl+C) to the sequence, then exits. */
export function exitOnSignals(shutdown: GracefulShutdown, exit: (code: number) => void = (code) => process.exit(code)): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void shutdown.shutdown(`${signal} received`).then(exit));
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
