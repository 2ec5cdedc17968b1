/** Injection token of the process-wide pino logger (created before Nest, handed to TelemetryModule). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
