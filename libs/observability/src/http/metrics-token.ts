import { createHash, timingSafeEqual } from 'node:crypto';
import { CommonErrors } from '@identsphere/common';

const BEARER = /^Bearer[ \t]+(\S+)\s*$/i;

/**
 * When IDENTSPHERE_METRICS_TOKEN is set, /metrics needs `Authorization: Bearer <token>`. Digests of
 * equal length are compared in constant time, so response timing does not leak the token's prefix.
 */
export function assertMetricsAccess(expected: string | null, authorization: string | undefined): void {
  if (expected === null) return;
  const presented = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
  if (presented === undefined) throw CommonErrors.unauthorized(false);
  if (!timingSafeEqual(sha256(presented), sha256(expected))) throw CommonErrors.unauthorized(true);
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();
