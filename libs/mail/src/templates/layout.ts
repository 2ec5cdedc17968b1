const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** "30 minutes", "24 hours", "2 days": how long a link stays valid, in words. */
export function describeDuration(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      // 24 hours reads better than 1 day for the default verification lifetime.
      if (name === 'day' && seconds / size === 1) return '24 hours';
      return plural(seconds / size, name);
    }
  }
  return seconds >= 60 ? plural(Math.round(seconds / 60), 'minute') : plural(seconds, 'second');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export interface MailBody {
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
  /** Shown after the action, e.g. how long the link works. */
  readonly footnotes?: readonly string[];
}

/** Plain text: paragraphs, the bare link on its own line (so every mail client makes it clickable). */
export function renderText(body: MailBody): string {
  const parts = [...body.paragraphs];
  if (body.action) parts.push(`${body.action.label}:\n${body.action.url}`);
  parts.push(...(body.footnotes ?? []));
  return parts.join('\n\n') + '\n';
}

/** Simple HTML with inline styles only (mail clients drop <style> and external CSS). */
export function renderHtml(subject: string, body: MailBody): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const action = body.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(body.action.url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(body.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:12px;color:#555555">${escapeHtml(body.action.url)}</p>`
    : '';
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111111">',
    ...body.paragraphs.map(p),
    action,
    ...(body.footnotes ?? []).map(p),
    '</body></html>',
  ].join('\n');
}
