export * from './domain-error';
export * from './common-errors';
export * from './principal';
export * from './decorators';
export * from './clock';
export * from './openapi';
