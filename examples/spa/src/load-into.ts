import { describeError } from './errors';

/** Fills `host` with what `load` builds: "Loading…" first, then the content or what went wrong. */
export function loadInto(host: HTMLElement, load: () => Promise<Node>): Promise<void> {
  host.replaceChildren('Loading…');
  return load().then(
    (content) => host.replaceChildren(content),
    (error: unknown) => host.replaceChildren(describeError(error)),
  );
}
