// The playground page: the surfaces on the left (the channel, App Home, the bot's DMs, the
// "Ask Support" shortcut), the conversation and its composer in the middle, a thread beside it, the
// open modal as a dialog, and what the bot called on the right. Rendered on the server as regions;
// the page script swaps a region when its HTML changes.
import type { AppSurfaces } from '../manifest';
import type { View, Workspace } from '../workspace';
import { BOT_USER, CHANNEL, CHANNEL_NAME, DM, ONCALL_PEOPLE, USER, USER_NAME } from '../workspace';
import { blocksHtml } from './blocks';
import { escapeHtml } from './html';
import { conversationHtml, messageHtml, type MessageContext } from './messages';
import type { Names } from './mrkdwn';
import { callsHtml, filingsHtml, rulesHtml } from './panels';
import { plainOf } from './text';

export type Regions = Record<
  'nav' | 'main' | 'thread' | 'modal' | 'filings' | 'calls' | 'rules' | 'alert',
  string
>;

export function namesFor(surfaces: AppSurfaces): Names {
  const users: Record<string, string> = {
    [USER]: USER_NAME,
    [BOT_USER]: surfaces.botName,
    ...Object.fromEntries(Object.values(ONCALL_PEOPLE).map((p) => [p.id, p.name])),
  };
  return { user: (id) => users[id], channel: (id) => (id === CHANNEL ? CHANNEL_NAME : undefined) };
}

function navHtml(ws: Workspace, surfaces: AppSurfaces): string {
  const tab = (surface: Workspace['surface'], label: string) =>
    `<button type="button" role="tab" aria-selected="${ws.surface === surface}" data-ui="surface" data-surface="${surface}">${escapeHtml(label)}</button>`;
  const shortcut = surfaces.globalShortcut
    ? `<button type="button" class="btn shortcut" data-ui="global-shortcut">${escapeHtml(surfaces.globalShortcut.name)}</button>`
    : '';
  return `<div role="tablist" aria-label="Where you are">${tab('channel', `#${CHANNEL_NAME}`)}${tab('home', 'App Home')}${tab('dm', `Messages with ${surfaces.botName}`)}</div>${shortcut}`;
}

function mainHtml(ws: Workspace, c: MessageContext): string {
  if (ws.surface === 'home') {
    const home = ws.home;
    const body = home
      ? `<div class="view" data-container="view:${escapeHtml(home.id)}">${blocksHtml(home.view.blocks, { names: c.names, idPrefix: 'home' })}</div>`
      : '<p class="empty">App Home is loading…</p>';
    return `<section role="tabpanel" aria-label="App Home"><h2>App Home</h2>${body}</section>`;
  }
  const dm = ws.surface === 'dm';
  const channel = dm ? DM : CHANNEL;
  const messages = ws.messages.filter((m) => m.channel === channel && (!m.threadTs || m.threadTs === m.ts));
  const title = dm ? `Messages with ${c.surfaces.botName}` : `#${CHANNEL_NAME}`;
  const empty = dm ? 'No messages from the bot yet.' : 'Say something, try /support …, or mention the bot.';
  return `<section role="tabpanel" aria-label="${escapeHtml(title)}" data-scroll="end"><h2>${escapeHtml(title)}</h2><div class="conversation">${conversationHtml(messages, c, empty)}</div></section>`;
}

function threadHtml(ws: Workspace, c: MessageContext): string {
  const ts = ws.openThread;
  const parent = ts ? ws.find(CHANNEL, ts) : undefined;
  if (!ts || !parent) return '';
  const replies = ws.messages.filter((m) => m.threadTs === ts && m.ts !== ts);
  const inThread = { ...c, inThread: true };
  return `<section class="thread" aria-label="Thread" data-scroll="end"><header><h2>Thread</h2><button type="button" class="link" data-ui="thread-close">Close thread</button></header>${messageHtml(parent, inThread)}<div class="replies">${conversationHtml(replies, inThread, 'No replies yet.')}</div>
<form class="composer" data-ui="composer" data-thread="${escapeHtml(ts)}"><label for="reply">Reply</label><textarea id="reply" name="text" rows="2"></textarea><button type="submit" class="btn primary">Send reply</button></form></section>`;
}

function modalHtml(view: View | undefined, depth: number, names: Names): string {
  if (!view) return '';
  const v = view.view;
  const titleId = `title-${view.id}`;
  const submit = v.submit
    ? `<button type="submit" class="btn primary">${escapeHtml(plainOf(v.submit))}</button>`
    : '';
  const close = escapeHtml(plainOf(v.close) || (depth > 1 ? 'Back' : 'Close'));
  const blocks = blocksHtml(v.blocks, {
    names,
    idPrefix: view.id,
    state: view.state,
    ...(view.errors ? { errors: view.errors } : {}),
  });
  return `<div class="overlay"><form class="modal" novalidate role="dialog" aria-modal="true" aria-labelledby="${titleId}" data-container="view:${escapeHtml(view.id)}" data-ui="modal" data-view="${escapeHtml(view.id)}">
<header><h2 id="${titleId}">${escapeHtml(plainOf(v.title))}</h2>${depth > 1 ? `<span class="depth">${depth} views open</span>` : ''}</header><div class="modal-body">${blocks}</div>
<footer><button type="button" class="btn" data-ui="modal-close" data-view="${escapeHtml(view.id)}">${close}</button>${submit}</footer></form></div>`;
}

export function regions(ws: Workspace, surfaces: AppSurfaces): Regions {
  const names = namesFor(surfaces);
  const c: MessageContext = { names, surfaces, ws };
  return {
    nav: navHtml(ws, surfaces),
    main: mainHtml(ws, c),
    thread: threadHtml(ws, c),
    modal: modalHtml(ws.modals.at(-1), ws.modals.length, names),
    filings: filingsHtml(ws),
    calls: callsHtml(ws),
    rules: rulesHtml(ws),
    alert: ws.alert ? `<p role="alert">${escapeHtml(ws.alert)}</p>` : '',
  };
}

export function pageHtml(ws: Workspace, surfaces: AppSurfaces, live: boolean): string {
  const r = regions(ws, surfaces);
  const region = (name: keyof Regions, tag = 'div', extra = '') =>
    `<${tag} data-region="${name}"${extra}>${r[name]}</${tag}>`;
  const mode = live
    ? '<strong>Live filing:</strong> forms file to the configured GitLab and Zendesk.'
    : '<strong>Dry run:</strong> forms show what would be filed; nothing is sent.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(surfaces.botName)} playground</title><link rel="stylesheet" href="/style.css"><script src="/client.js" defer></script></head>
<body><header class="top"><h1>${escapeHtml(surfaces.botName)} playground</h1><p class="mode">${mode}</p>${region('rules', 'div', ' class="rules"')}</header>
${region('alert', 'div', ' class="alert"')}
<div class="layout"><nav aria-label="Surfaces">${region('nav')}</nav>
<main>${region('main')}<form class="composer" data-ui="composer"><label for="message">Message</label><textarea id="message" name="text" rows="2" placeholder="Try: /support who is the cmoc right now?"></textarea><button type="submit" class="btn primary">Send</button></form></main>
${region('thread', 'div', ' class="thread-pane"')}
<aside class="panel" aria-label="What the bot called"><h2>Filing previews</h2>${region('filings')}<h2>What the bot called</h2>${region('calls')}</aside></div>
${region('modal')}
</body></html>`;
}
