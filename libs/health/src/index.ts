export * from './health.module';
export { ReadinessState } from './readiness.state';
export { DatabasePing } from './database-ping';
