// Slack treats &, < and > as control characters in mrkdwn: "<!channel>", "<@U1>" and
// "<https://evil|https://trusted>" are all written with them. User text echoed in mrkdwn is escaped
// (& first, so "&lt;" typed by a user stays "&lt;" on screen), and loses the characters nobody can
// see (bidi overrides, zero-width), which could make the echo read differently from what it is.
import { stripInvisible } from '../text/invisible';

export function escapeMrkdwn(text: string): string {
  return stripInvisible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A mrkdwn link `<url|label>`. The URL comes from the bot's own rebuilt links or an API, and cannot
 * break out of the brackets: `<`, `>`, `|` and spaces are percent-encoded; the label is escaped.
 */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>| ]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;
}

/** Quotes user text as a mrkdwn block quote, escaped, one "> " per line. */
export function quoteMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** A Slack user mention for a known id; ids are checked so a provider cannot inject markup. */
export function mentionUser(userId: string): string | undefined {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : undefined;
}
