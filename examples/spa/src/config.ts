/**
 * Build-time settings (Vite exposes `VITE_*` variables). Everything has a default that works with
 * `npm run example`: the service and the resource server behind the dev server's proxy, on this origin.
 */
export interface ExampleConfig {
  /** Where the IdentSphere API lives; '' = this origin (through the proxy), which keeps the refresh cookie first-party. */
  readonly baseUrl: string;
  /** Where the example resource server lives; '' = this origin (through the proxy). */
  readonly resourceServerUrl: string;
  /** Identity providers to offer as "Sign in with …" buttons: `id:Label` pairs, comma separated. */
  readonly ssoProviders: readonly { id: string; label: string }[];
}

function parseProviders(raw: string | undefined): { id: string; label: string }[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, label] = entry.split(':', 2).map((part) => part.trim());
      return { id, label: label || id };
    });
}

export const config: ExampleConfig = {
  baseUrl: import.meta.env.VITE_IDENTSPHERE_URL ?? '',
  resourceServerUrl: import.meta.env.VITE_RESOURCE_SERVER_URL ?? '',
  ssoProviders: parseProviders(import.meta.env.VITE_SSO_PROVIDERS),
};
