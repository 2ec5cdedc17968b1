import { AppConfig, ConfigError, loadConfig } from '@identsphere/config';

/** EX_CONFIG from sysexits.h: the environment is wrong, retrying will not help. */
export const EXIT_CONFIG = 78;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** A secret piped on stdin (admin create's password); null when stdin is a terminal. */
  readonly readSecret?: () => Promise<string | null>;
}

/**
 * The config, or the exit code after printing every bad variable (names and reasons only, never values),
 * exactly as the server's main.ts reports it.
 */
export function loadConfigOrExitCode(env: NodeJS.ProcessEnv, io: CliIo): AppConfig | number {
  try {
    return loadConfig(env, { warn: io.err });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EXIT_CONFIG;
  }
}
