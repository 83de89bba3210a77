// Slack mrkdwn made readable in a terminal: links as "label (url)", channels and mentions by name,
// Slack's escapes undone. The patterns stop at "<", ">" and "|", so each runs in linear time.

/** Rewrites one Slack token: <url|label>, <#C123|name>, <@U123>, <!here>, <!date^...|fallback>. */
function token(body: string): string {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? undefined : body.slice(bar + 1);
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return label ?? '@group';
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
  return label && label !== target ? `${label} (${target})` : target;
}

export function mrkdwnToPlain(text: string): string {
  return text
    .replace(/<([^<>|]*)(\|[^<>]*)?>/g, (_, target: string, label?: string) => token(target + (label ?? '')))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
