import type { Problem } from './errors';

/** A problem answer of the API, thrown so that callers can `try`/`catch` like any other failure. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

/** The typed client answers `{ data }` or `{ error }`; this turns an error answer into a thrown ApiProblem. */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await request;
  if (error !== undefined) throw new ApiProblem(error as Problem);
  return data as T;
}

/** A section that loads its content: "Loading…" first, then the content or what went wrong. */
export function loadInto(host: HTMLElement, load: () => Promise<Node>): Promise<void> {
  host.replaceChildren('Loading…');
  return load().then(
    (content) => host.replaceChildren(content),
    (error: unknown) => host.replaceChildren(error instanceof Error ? error.message : String(error)),
  );
}
