/** The database pool's counters, as runtime metrics read them. */
export interface PoolStatsSnapshot {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

/**
 * What the runtime metrics need from the database layer. Observability sits below the libs that report
 * into it (crypto, auth), so it does not import @identsphere/database; the composition root binds this to
 * DatabaseConnector (`TelemetryModule.forRoot({ databaseStats: DatabaseConnector })`).
 */
export interface DatabaseStatsSource {
  readonly isReady: boolean;
  poolStats(): PoolStatsSnapshot | null;
}

export const DATABASE_STATS = Symbol('DATABASE_STATS');
