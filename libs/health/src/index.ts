export * from './health.module';
export { ReadinessState } from './readiness.state';
