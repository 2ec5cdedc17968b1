import type { App } from '../app';
import { config } from '../config';
import { h } from '../dom';

/**
 * Calling your own API: the access token goes in the Authorization header, and the resource server checks
 * it offline against the service's JWKS (@identsphere/verify). `getAccessToken()` refreshes first when the
 * token is about to expire.
 */
export function resourceSection(app: App): HTMLElement {
  const output = h('pre', { 'data-output': 'resource' }, 'Not called yet.');
  const call = async (path: string) => {
    output.textContent = `GET ${path} …`;
    const accessToken = await app.session.getAccessToken();
    const response = await fetch(`${config.resourceServerUrl}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const text = await response.text();
    output.textContent = `${response.status} ${response.statusText}\n${pretty(text)}`;
  };
  const button = (path: string, label: string) =>
    h('button', { type: 'button', onclick: () => call(path).catch((error: unknown) => (output.textContent = String(error))) }, label);
  return h(
    'section',
    { 'data-section': 'resource-server' },
    h('h2', {}, 'Your API (the example resource server)'),
    button('/api/hello', 'GET /api/hello'),
    button('/api/admin/report', 'GET /api/admin/report (admins only)'),
    output,
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
