export * from './domain-error';
export * from './common-errors';
export * from './principal';
export * from './decorators';
export * from './client-address';
export * from './openapi';
export * from './problem-codes';
