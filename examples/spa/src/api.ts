import { IdentSphereProblem } from '@identsphere/spa';
import { describeError } from './errors';

/**
 * The typed client answers `{ data }` or `{ error }` with the response; this turns a failed answer into a
 * thrown IdentSphereProblem (its `code` is what to switch on), so that code reads top to bottom.
 */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw IdentSphereProblem.fromResponse(response, error);
  return data as T;
}

/** Fills `host` with what `load` builds: "Loading…" first, then the content or what went wrong. */
export function loadInto(host: HTMLElement, load: () => Promise<Node>): Promise<void> {
  host.replaceChildren('Loading…');
  return load().then(
    (content) => host.replaceChildren(content),
    (error: unknown) => host.replaceChildren(describeError(error)),
  );
}
