import type { App } from '../app';
import { unwrap } from '@identsphere/spa';
import { loadInto } from '../load-into';
import { h, when } from '../dom';

/** Who is signed in: GET /v1/me (the user, its roles, second factors and linked identity providers). */
export function profileSection(app: App): HTMLElement {
  const body = h('div');
  void loadInto(body, async () => {
    const me = unwrap(await app.session.client.GET('/v1/me'));
    return h(
      'dl',
      {},
      h('dt', {}, 'Email'),
      h('dd', { 'data-field': 'email' }, me.email, me.emailVerified ? ' (verified)' : ' (not verified yet)'),
      h('dt', {}, 'Roles'),
      h('dd', {}, me.roles.length ? me.roles.join(', ') : 'none'),
      h('dt', {}, 'Second factors'),
      h('dd', {}, me.mfaMethods.length ? me.mfaMethods.join(', ') : 'none'),
      h('dt', {}, 'Linked identity providers'),
      h('dd', {}, me.identities.length ? me.identities.map((i) => `${i.providerId} (${i.email}, since ${when(i.linkedAt)})`).join('; ') : 'none'),
    );
  });
  return h('section', { 'data-section': 'profile' }, h('h2', {}, 'You'), body);
}
