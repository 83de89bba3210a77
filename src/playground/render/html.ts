// The two rules every renderer here follows: text is escaped for HTML, and a link is only ever an
// http(s) or mailto URL (a `javascript:` link from a rule or a person's text stays text).
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The URL when it is an absolute http(s) or mailto URL, else undefined. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const protocol = new URL(url).protocol;
  return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:' ? url : undefined;
}

/** An anchor that opens outside the page, or the label alone when the URL is not safe. */
export function linkHtml(url: unknown, labelHtml: string): string {
  const href = safeUrl(url);
  if (!href) return labelHtml;
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
}
