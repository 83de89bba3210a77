// Slack mrkdwn to HTML, for the playground page: *bold*, _italic_, ~strike~, `code`, ```blocks```,
// > quotes, bullet and numbered lines, <url|label> links, <@U…> and <#C…|name> as names, and
// <!here>-style specials as plain text (never live). Slack's own escapes (&amp; &lt; &gt;) are
// decoded, then everything is escaped for HTML, so no text reaching the page can add markup to it.
//   https://docs.slack.dev/messaging/formatting-message-text
import { escapeHtml, linkHtml } from './html';

export interface Names {
  /** A user id's display name (without the @). */
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export const NO_NAMES: Names = { user: () => undefined, channel: () => undefined };

const SLACK_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const decodeSlack = (text: string): string => text.replace(/&(amp|lt|gt);/g, (e) => SLACK_ENTITIES[e] ?? e);
/** Slack text (with its own escapes) to escaped HTML text. */
const textHtml = (slackText: string): string => escapeHtml(decodeSlack(slackText));

/** One `<…>` token: a link, a mention, a channel or a special (here, channel, subteam, date). */
function angleHtml(inner: string, names: Names): string {
  const [target = '', label] = splitOnce(inner, '|');
  const mention = (text: string, kind: string) => `<span class="mention ${kind}">${escapeHtml(text)}</span>`;
  if (target.startsWith('@'))
    return mention(`@${label ?? names.user(target.slice(1)) ?? target.slice(1)}`, 'user');
  if (target.startsWith('#'))
    return mention(`#${label ?? names.channel(target.slice(1)) ?? target.slice(1)}`, 'channel');
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (label) return mention(decodeSlack(label), 'special');
    const name = special.split('^')[0] ?? special;
    return mention(`@${name}`, 'special');
  }
  const url = decodeSlack(target);
  return linkHtml(url, textHtml(label ?? target));
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Bold, italic and strike on escaped HTML: the markers are not HTML characters, so the tags are ours. */
function emphasis(html: string): string {
  const wrap = (marker: string) =>
    new RegExp(
      `(^|[\\s(\\[{"'.,;:!?])\\${marker}(?=\\S)([^\\n${marker}]*?\\S)\\${marker}(?=$|[\\s)\\]}"'.,;:!?])`,
      'g',
    );
  return html
    .replace(wrap('*'), '$1<b>$2</b>')
    .replace(wrap('_'), '$1<i>$2</i>')
    .replace(wrap('~'), '$1<s>$2</s>');
}

/**
 * One line's inline formatting: code spans and angle tokens are kept out of the emphasis pass,
 * behind private-use markers (removed from the text first, so no text can forge one).
 */
export function inlineHtml(line: string, names: Names = NO_NAMES): string {
  const kept: string[] = [];
  const keep = (html: string) => `\uE000${kept.push(html) - 1}\uE000`;
  const marked = line
    .replace(/\uE000/g, '')
    .replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${textHtml(code)}</code>`))
    .replace(/<([^<>\n]+)>/g, (_m, inner: string) => keep(angleHtml(inner, names)));
  return emphasis(textHtml(marked)).replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

const QUOTE = /^(?:>|&gt;) ?/;
const BULLET = /^\s*(?:[•◦▪\-*]) +/;
const NUMBERED = /^\s*\d{1,3}[.)] +/;

type LineKind = 'quote' | 'ul' | 'ol' | 'p';
const kindOf = (line: string): LineKind =>
  QUOTE.test(line) ? 'quote' : BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : 'p';
const stripOf: Record<LineKind, RegExp | undefined> = {
  quote: QUOTE,
  ul: BULLET,
  ol: NUMBERED,
  p: undefined,
};

/** Runs of lines of one kind become one quote, one list or one paragraph with line breaks. */
function linesHtml(text: string, names: Names): string {
  const out: string[] = [];
  let run: { kind: LineKind; items: string[] } | undefined;
  const flush = () => {
    if (!run) return;
    const { kind, items } = run;
    if (kind === 'ul' || kind === 'ol')
      out.push(`<${kind}>${items.map((i) => `<li>${i}</li>`).join('')}</${kind}>`);
    else if (kind === 'quote') out.push(`<blockquote>${items.join('<br>')}</blockquote>`);
    else out.push(`<p>${items.join('<br>')}</p>`);
    run = undefined;
  };
  for (const line of text.split('\n')) {
    const kind = kindOf(line);
    const strip = stripOf[kind];
    const html = inlineHtml(strip ? line.replace(strip, '') : line, names);
    if (run?.kind !== kind) flush();
    run ??= { kind, items: [] };
    run.items.push(html);
  }
  flush();
  return out.join('');
}

/** A whole mrkdwn text: ```code blocks``` first (their content is literal), the rest line by line. */
export function mrkdwnHtml(text: string, names: Names = NO_NAMES): string {
  return text
    .split(/```/)
    .map((part, i) => {
      if (i % 2 === 1) return `<pre>${textHtml(part.replace(/^\n/, ''))}</pre>`;
      const trimmed = part.replace(/^\n+|\n+$/g, '');
      return trimmed ? linesHtml(trimmed, names) : '';
    })
    .join('');
}

/** plain_text objects: escaped, line breaks kept; emoji names stay as typed. */
export const plainHtml = (text: string): string => escapeHtml(text).replace(/\n/g, '<br>');
