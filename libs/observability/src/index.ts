export * from './auth-metrics';
export * from './observability.module';
