import type { App } from '../app';
import { unwrap } from '@identsphere/spa';
import { loadInto } from '../load-into';
import { h, when } from '../dom';

/** The account's recent security events (GET /v1/me/events), newest first. */
export function eventsSection(app: App): HTMLElement {
  const body = h('div');
  void loadInto(body, async () => {
    const { items } = unwrap(await app.session.client.GET('/v1/me/events', { params: { query: { limit: 10 } } }));
    const rows = items.map((e) =>
      h('tr', { 'data-event': e.type }, h('td', {}, e.type.replaceAll('_', ' ')), h('td', {}, when(e.createdAt)), h('td', {}, e.actor === 'admin' ? 'an administrator' : (e.ip ?? '—'))),
    );
    return h('table', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'When'), h('th', {}, 'From')), ...rows);
  });
  return h('section', { 'data-section': 'events' }, h('h2', {}, 'Recent security events'), body);
}
