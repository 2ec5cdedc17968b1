export * from './database.module';
export { DatabaseConnector } from './database-connector';
export { TransactionHost } from './transaction-host';
export { EmbeddedPostgres } from './embedded-postgres';
export { runMigrations } from './migrator';
export { buildDataSourceOptions } from './data-source-options';
export * from './database-errors';
export { deleteInBatches, BatchedDelete } from './batched-delete';
export { MaintenanceJob } from './maintenance-job';
