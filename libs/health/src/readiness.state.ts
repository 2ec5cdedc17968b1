import { Injectable } from '@nestjs/common';

/**
 * Whether this instance should receive new traffic. Graceful shutdown flips it first, so GET /health
 * answers 503 at once and load balancers stop routing here while in-flight requests drain.
 */
@Injectable()
export class ReadinessState {
  private draining = false;

  get isShuttingDown(): boolean {
    return this.draining;
  }

  markShuttingDown(): void {
    this.draining = true;
  }
}
