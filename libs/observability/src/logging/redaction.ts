/** Keys whose values never reach a log line, wherever they appear (pino redact paths, up to three levels deep). */
export const SENSITIVE_KEYS: readonly string[] = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'clientSecret',
  'jwtSecret',
  'metricsToken',
];

export const REDACTED = '[REDACTED]';

const accessor = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/**
 * Every sensitive key at the top level and under one or two levels of nesting, which covers
 * `req.headers.authorization`, `res.headers["set-cookie"]`, `body.password` and `err.config.token`.
 * pino's redaction is path-based by design (fast, no deep walk), so the depth is explicit.
 */
export function redactPaths(keys: readonly string[] = SENSITIVE_KEYS): string[] {
  return keys.flatMap((key) => {
    const tail = accessor(key);
    const top = tail.startsWith('.') ? tail.slice(1) : tail;
    return [top, `*${tail}`, `*.*${tail}`];
  });
}
