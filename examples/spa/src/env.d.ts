/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_IDENTSPHERE_URL?: string;
  readonly VITE_RESOURCE_SERVER_URL?: string;
  readonly VITE_SSO_PROVIDERS?: string;
}
