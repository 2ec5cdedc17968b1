import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabasePing } from './database-ping';

/** Readiness of PostgreSQL as the background ping last saw it (see DatabasePing): no query per probe. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabasePing,
  ) {}

  ping(key = 'database') {
    const indicator = this.indicators.check(key);
    const status = this.database.status();
    return status.up ? indicator.up() : indicator.down({ message: status.message });
  }
}
