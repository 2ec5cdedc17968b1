export interface ConfigProblem {
  readonly variable: string;
  readonly reason: string;
}

/** A bad environment. The message names each variable and why, never a value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(['Invalid configuration:', ...problems.map((p) => `  - ${p.variable}: ${p.reason}`)].join('\n'));
    this.name = 'ConfigError';
  }
}
