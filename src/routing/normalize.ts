// Turns a Slack message into plain words. Slack markup carries meaning the classifier needs
// (a Zendesk ticket link, a GitLab.com group URL, a channel name) and noise it must ignore
// (user mentions, emoji, formatting), so each token kind is rewritten, not just stripped.

/** Words that stand for a URL: its kind matters (ticket, issue, group), its exact path does not. */
export function describeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return ' link ';
  }
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  if (host.includes('zendesk'))
    return /\/tickets?\/\d+/.test(path) ? ' support ticket link ' : ' zendesk link ';
  if (host === 'gitlab.com' || host.endsWith('.gitlab.com')) {
    if (path.includes('/internal-requests/')) return ' internal request issue link ';
    if (path.includes('/merge_requests')) return ' gitlabcom merge request link ';
    if (path.includes('/-/issues') || path.includes('/issues/')) return ' gitlabcom issue link ';
    // A bare path on gitlab.com is a group, user or project: a namespace.
    return ' gitlabcom group namespace link ';
  }
  if (host.includes('salesforce') || host.includes('force.com')) return ' sfdc salesforce link ';
  return ' link ';
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Rewrites Slack mrkdwn into plain text with the meaning of its markup kept as words. Every pattern
 * here reads hostile text too, so none can backtrack quadratically: a token's repeated class
 * excludes the `<` that opens the next token (a run of unclosed `<#C1|` fails each start at once).
 */
export function normalizeSlackText(raw: string): string {
  let text = raw;
  // Each rewrite runs only when the character its pattern needs is there: most messages are plain
  // words, and a pattern that cannot match would still scan the whole text.
  if (text.includes('<')) text = rewriteSlackTokens(text);
  // Bare URLs pasted without Slack's brackets.
  if (text.includes('http')) text = text.replace(/https?:\/\/[^\s<>|)]+/g, (href) => describeUrl(href));
  if (text.includes('&')) text = text.replace(/&(amp|lt|gt);/g, (m) => ENTITIES[m] ?? m);
  // :emoji: and :skin-tone-2: codes.
  if (text.includes(':')) text = text.replace(/:[a-z0-9_+'-]+:/g, ' ');
  // Code spans and formatting marks keep their content.
  text = text.replace(/[`*~]/g, ' ');
  return text.includes('_') ? text.replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2') : text;
}

/** The `<...>` tokens: links, mailto links, mentions, channels, user groups and broadcast pings. */
function rewriteSlackTokens(raw: string): string {
  return (
    raw
      // Links with or without labels: <https://x|label> -> "label" + what the URL is.
      .replace(/<(https?:\/\/[^|<>\s]+)(?:\|([^<>]*))?>/g, (_m, href: string, label?: string) => {
        const words = describeUrl(href);
        return ` ${label && !/^https?:/.test(label) ? label : ''} ${words} `;
      })
      // mailto links keep their label only.
      .replace(/<mailto:[^|<>]+(?:\|([^<>]*))?>/g, (_m, label?: string) => ` ${label ?? 'email'} `)
      // User mentions carry no routing meaning.
      .replace(/<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/g, ' ')
      // Channel references keep the channel name: it can say "licensing" or "security".
      .replace(/<#C[A-Z0-9]+(?:\|([^<>]*))?>/g, (_m, name?: string) => ` #${name ?? ''} `)
      // User groups keep their handle; broadcast pings (<!here>, <!channel>) are dropped.
      .replace(/<!subteam\^[A-Z0-9]+(?:\|([^<>]*))?>/g, (_m, handle?: string) => ` ${handle ?? ''} `)
      .replace(/<![a-z]+(?:\|[^<>]*)?>/g, ' ')
  );
}

/**
 * Contractions, each with a piece of text every match holds: a pattern is run only on a text that
 * has it (the apostrophe, which they all need, is checked first, once).
 */
const CONTRACTIONS: Array<[RegExp, string, string]> = [
  [/\bcan[’']?t\b/g, 'can not', 'can'],
  [/\bwon[’']?t\b/g, 'will not', 'won'],
  [/\bain[’']?t\b/g, 'is not', 'ain'],
  [/\b(\w+)n[’']t\b/g, '$1 not', ''],
  [/\b(\w+)[’']s\b/g, '$1', ''], // possessives and "it's": the bare word is what matters
  [/\b(\w+)[’'](re|ve|ll|d|m)\b/g, '$1', ''],
];

/**
 * Punctuation that ends a clause when whitespace (or the end) follows. The look-behind starts a
 * match only at the beginning of a run, so a long run of dots followed by a letter costs one pass,
 * not one pass per dot; the leftmost match is the same either way.
 */
const CLAUSE_END = /(?<![.,;:!?()[\]{}"“”—–])[.,;:!?()[\]{}"“”—–]+(\s|$)/g;

const ASCII = /^[\x20-\x7e\t\n\r]*$/;

const HASH = '#'.charCodeAt(0);
const AT = '@'.charCodeAt(0);

/** Marks where a clause ends, so that negation never reaches across it. */
export const BOUNDARY = '|';

/** Lower-cases, expands contractions and splits into word tokens and clause boundaries. */
export function tokenize(text: string): string[] {
  // The cheap checks skip work most messages do not need (no apostrophes, plain ASCII, no "com").
  let t = text.toLowerCase();
  // Compatibility forms folded and accents dropped, so "naïve" and "naive" are one word.
  if (!ASCII.test(t)) t = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (/['’]/.test(t))
    for (const [pattern, replacement, needs] of CONTRACTIONS)
      if (t.includes(needs)) t = t.replace(pattern, replacement);
  if (t.includes('cannot')) t = t.replace(/\bcannot\b/g, 'can not');
  if (t.includes('com')) t = t.replace(/\bgitlab\s*\.\s*com\b|\bgitlab-com\b|\bdot\s?com\b/g, ' gitlabcom ');
  t = t.replace(CLAUSE_END, ` ${BOUNDARY} `).replace(/\s-\s/g, ` ${BOUNDARY} `);
  const tokens: string[] = [];
  for (const piece of t.split(/[^a-z0-9#@|]+/)) {
    if (!piece) continue;
    if (piece.includes(BOUNDARY)) {
      if (tokens.length && tokens[tokens.length - 1] !== BOUNDARY) tokens.push(BOUNDARY);
      continue;
    }
    // "#channel" and "@handle" keep their name; most words have no sign to strip.
    const word =
      piece.charCodeAt(0) === HASH || piece.charCodeAt(0) === AT ? piece.replace(/^[#@]+/, '') : piece;
    if (word) tokens.push(word);
  }
  return tokens;
}
