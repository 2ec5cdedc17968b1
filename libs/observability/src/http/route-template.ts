import type { Request } from 'express';

/** Label for requests that matched no route (404s, CORS preflights, bodies refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The matched route's template, e.g. `/v1/me/sessions/:id`. Express records the matched route on the
 * request; anything without one gets a fixed label, so a scanner probing random URLs cannot blow up
 * the metric's cardinality or put its URLs in our logs.
 */
export function routeTemplateOf(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
