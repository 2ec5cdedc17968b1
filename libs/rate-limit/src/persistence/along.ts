/**
 * SQL a caller runs in the same statement as a throttle transition, so a login's reads and bookkeeping
 * (the account, its audit row, its new session) share the throttle's round trip instead of adding their own.
 *
 * `ctes(bind)` renders comma-separated CTEs; one of them must be named `along_row` and yield at most one
 * row, whose columns the statement returns. `bind(value)` adds a parameter and answers its placeholder:
 * the throttle owns the first placeholders, so the caller never numbers its own.
 */
export interface Along {
  readonly ctes: (bind: (value: unknown) => string) => string;
}

/** A statement's one row: the throttle's columns next to `along_row`'s. */
export type AlongRow = Record<string, unknown>;

/** Renders `along` after `taken` placeholders of the throttle's own. */
export function renderAlong(along: Along, taken: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = along.ctes((value) => {
    params.push(value);
    return `$${taken + params.length}`;
  });
  return { sql, params };
}
