// Messages as the page shows them: author, "Only visible to you" for ephemerals, the blocks (or the
// text when there are none), the rules author's note, and the message's own actions (replies,
// the "Route to Support" message shortcut).
import type { AppSurfaces } from '../manifest';
import { BOT_USER, CHANNEL, type Message, type Workspace } from '../workspace';
import { blocksHtml } from './blocks';
import type { Names } from './mrkdwn';
import { mrkdwnHtml } from './mrkdwn';
import { escapeHtml } from './html';

export interface MessageContext {
  names: Names;
  surfaces: AppSurfaces;
  ws: Workspace;
  /** In the thread pane: no "replies" button. */
  inThread?: boolean;
}

const timeOf = (ts: string): string => new Date(Number(ts.split('.')[0]) * 1000).toISOString().slice(11, 16);

function actionsHtml(m: Message, c: MessageContext): string {
  const buttons: string[] = [];
  if (!c.inThread && !m.ephemeral && m.channel === CHANNEL) {
    const replies = c.ws.messages.filter((r) => r.threadTs === m.ts && r.ts !== m.ts).length;
    const label = replies ? `${replies} ${replies === 1 ? 'reply' : 'replies'}` : 'Reply in thread';
    buttons.push(
      `<button type="button" class="link" data-ui="thread" data-ts="${escapeHtml(m.ts)}">${label}</button>`,
    );
  }
  const shortcut = c.surfaces.messageShortcut;
  if (shortcut && m.user !== BOT_USER && !m.ephemeral)
    buttons.push(
      `<button type="button" class="link" data-ui="message-shortcut" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}">${escapeHtml(shortcut.name)}</button>`,
    );
  return buttons.length ? `<div class="message-actions">${buttons.join('')}</div>` : '';
}

export function messageHtml(m: Message, c: MessageContext): string {
  const bot = m.user === BOT_USER;
  const author = escapeHtml(bot ? c.surfaces.botName : (c.names.user(m.user) ?? m.user));
  const container = `message:${m.channel}:${m.ts}`;
  const content = m.blocks.length
    ? blocksHtml(m.blocks, { names: c.names, idPrefix: `m${m.ts.replace('.', '')}` })
    : mrkdwnHtml(m.text, c.names);
  const only = m.ephemeral ? '<div class="only-you">Only visible to you</div>' : '';
  const note = m.note
    ? `<aside class="note" aria-label="How the rules read it"><span class="note-title">How the rules read it</span><pre>${escapeHtml(m.note)}</pre></aside>`
    : '';
  return `<article class="message${bot ? ' bot' : ' person'}${m.ephemeral ? ' ephemeral' : ''}" data-container="${escapeHtml(container)}" aria-label="${author} at ${timeOf(m.ts)}">
<header><span class="author">${author}</span>${bot ? '<span class="badge">APP</span>' : ''}<time>${timeOf(m.ts)}</time></header>${only}<div class="content">${content}</div>${note}${actionsHtml(m, c)}</article>`;
}

export function conversationHtml(messages: Message[], c: MessageContext, empty: string): string {
  if (!messages.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return messages.map((m) => messageHtml(m, c)).join('');
}
