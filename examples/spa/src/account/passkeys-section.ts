import type { App } from '../app';
import { unwrap } from '@identsphere/spa';
import { loadInto } from '../load-into';
import { h, when } from '../dom';
import { withStepUp } from '../step-up';

/** The account's passkeys and a button to add one (the browser's own passkey dialog does the rest). */
export function passkeysSection(app: App): HTMLElement {
  const list = h('div');
  const reload = () =>
    loadInto(list, async () => {
      const { items } = unwrap(await app.session.client.GET('/v1/me/passkeys'));
      if (!items.length) return h('p', { class: 'muted' }, 'No passkeys yet.');
      return h('ul', {}, ...items.map((p) => h('li', {}, `${p.name}, added ${when(p.createdAt)}, last used ${when(p.lastUsedAt)}`)));
    });
  const section = h('section', { 'data-section': 'passkeys' }, h('h2', {}, 'Passkeys'), list);
  const add = async () => {
    // Registering needs a recent sign-in: withStepUp asks for it when the service says so.
    const registered = await withStepUp(app, section, () => app.session.registerPasskey(`Passkey on ${navigator.platform || 'this device'}`));
    if (!registered) return;
    if (registered.recoveryCodes.length) section.append(recoveryCodes(registered.recoveryCodes));
    await reload();
  };
  section.append(h('button', { type: 'button', 'data-action': 'add-passkey', onclick: () => add().catch((error: unknown) => app.fail(error)) }, 'Add a passkey'));
  void reload();
  return section;
}

/** The first factor brings the first recovery codes, shown this once. */
function recoveryCodes(codes: readonly string[]): HTMLElement {
  return h('div', { class: 'notice' }, h('strong', {}, 'Your recovery codes (shown once; keep them safe):'), h('pre', {}, codes.join('\n')));
}
