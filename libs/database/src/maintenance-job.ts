import { Logger } from '@nestjs/common';

/**
 * A periodic housekeeping task (cleanup, retention) run by every instance. Runs are jittered (0.5 to 1.5
 * × the interval) so instances started together do not all hit the database at once, and a failed run
 * (e.g. the database is down) is logged and simply retried at the next one.
 */
export class MaintenanceJob {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /** `task` returns a line worth logging (what it did), or null when there was nothing to do. */
  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<string | null>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs * (0.5 + Math.random()));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const done = await this.task();
      if (done) this.logger.log(done);
    } catch (error) {
      this.logger.warn(`${this.name} skipped: ${(error as Error).message}`);
    } finally {
      this.schedule();
    }
  }
}
