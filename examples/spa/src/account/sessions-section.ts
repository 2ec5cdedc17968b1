import type { App } from '../app';
import { unwrap } from '@identsphere/spa';
import { loadInto } from '../load-into';
import { h, when } from '../dom';

/** Where the account is signed in (GET /v1/me/sessions), with a way to end any other session. */
export function sessionsSection(app: App): HTMLElement {
  const body = h('div');
  const reload = (): Promise<void> =>
    loadInto(body, async () => {
      const { items } = unwrap(await app.session.client.GET('/v1/me/sessions'));
      const revoke = (id: string) => async () => {
        unwrap(await app.session.client.DELETE('/v1/me/sessions/{id}', { params: { path: { id } } }));
        await reload();
      };
      const rows = items.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, s.userAgent ?? 'unknown device', s.current ? ' (this browser)' : ''),
          h('td', {}, s.ip ?? '—'),
          h('td', {}, when(s.lastUsedAt)),
          h('td', {}, s.current ? '' : h('button', { type: 'button', onclick: () => revoke(s.id)().catch((error: unknown) => app.fail(error)) }, 'Revoke')),
        ),
      );
      return h('table', {}, h('tr', {}, h('th', {}, 'Device'), h('th', {}, 'IP'), h('th', {}, 'Last used'), h('th', {})), ...rows);
    });
  void reload();
  return h('section', { 'data-section': 'sessions' }, h('h2', {}, 'Sessions'), body);
}
