import type { LinkPurpose } from '../mail-message';

/**
 * The URL a mail links to: IDENTSPHERE_LINK_URL_TEMPLATE with `{purpose}` and `{token}` filled in
 * (default `<public base URL>/auth/{purpose}?token={token}`). Tokens are base64url already; encoding
 * anyway keeps a template that puts the token in a path segment or fragment safe.
 */
export function buildLink(template: string, purpose: LinkPurpose, token: string): string {
  return template.replaceAll('{purpose}', encodeURIComponent(purpose)).replaceAll('{token}', encodeURIComponent(token));
}
