// The update a requester reads: what changed, who and when, and the link. Never the ticket's or the
// issue's content (a reply is for the customer; a channel thread is seen by others): the names of
// the people who acted and the status are all it says. Pure: data in, message out.
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../slack/escape';
import { fallbackText, mrkdwnSection, type Message } from '../views/blocks';
import type { Change, Place, TrackedRef } from './types';

const STATUS_WORDS: Record<string, string> = {
  pending: '*pending*: Support is waiting for your reply',
  hold: '*on hold*: Support is waiting on someone else',
  solved: '*solved*',
  closed: '*closed*',
};

/** Slack shows the time in the reader's own time zone; the ISO time is the fallback text. */
function when(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return '';
  return ` <!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
}

const by = (who?: string) => (who ? ` by ${escapeMrkdwn(who)}` : '');

function line(change: Change): string {
  switch (change.kind) {
    case 'status':
      return `Now ${STATUS_WORDS[change.to] ?? escapeMrkdwn(change.to)}${by(change.who)},${when(change.at)}`;
    case 'reopened':
      return `*Reopened*${by(change.who)},${when(change.at)}`;
    case 'reply':
      return `Support replied: ${escapeMrkdwn(change.who)},${when(change.at)}`;
    case 'assigned':
      return `Taken by ${escapeMrkdwn(change.who)},${when(change.at)}`;
  }
}

/** The notification's text (a phone's banner): the same facts, without markup. */
function plain(change: Change): string {
  switch (change.kind) {
    case 'status':
      return `now ${change.to}`;
    case 'reopened':
      return 'reopened';
    case 'reply':
      return `Support replied (${change.who})`;
    case 'assigned':
      return `taken by ${change.who}`;
  }
}

export interface NoticeInput {
  userId: string;
  /** The form's title (e.g. "Internal request"), from the rules: not the requester's text. */
  title: string;
  ref: TrackedRef;
  url: string;
  place: Place;
  changes: Change[];
}

const refLabel = (ref: TrackedRef) => (ref.service === 'zendesk' ? `ticket ${ref.ticketId}` : `#${ref.iid}`);

export function statusNotice(n: NoticeInput): Message {
  // In a channel thread the requester is named, so they hear it; a DM is theirs already.
  const mention = n.place.kind === 'thread' ? mentionUser(n.userId) : undefined;
  const head = `:bell: ${mention ? `${mention} ` : ''}*Update* on ${escapeMrkdwn(n.title)}: ${mrkdwnLink(n.url, refLabel(n.ref))}`;
  const body = n.changes.map((c) => `• ${line(c)}`).join('\n');
  return {
    text: fallbackText(
      escapeMrkdwn(`Update on ${n.title} (${refLabel(n.ref)}): ${n.changes.map(plain).join('; ')}`),
    ),
    blocks: [mrkdwnSection(`${head}\n${body}`)],
  };
}
