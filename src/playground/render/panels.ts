// The side panels: what the bot called (each Web API call with its arguments), each filing
// preview, and the rules file's state (its lint problems while the last good rules stay in use).
import path from 'node:path';
import type { Workspace } from '../workspace';
import { escapeHtml } from './html';

const SHOWN_CALLS = 200;
const json = (value: unknown) => escapeHtml(JSON.stringify(value, null, 2));

export function callsHtml(ws: Workspace): string {
  if (!ws.calls.length) return '<p class="empty">No calls yet.</p>';
  const items = ws.calls
    .slice(-SHOWN_CALLS)
    .reverse()
    .map(
      (c) =>
        `<li class="call${c.ok ? '' : ' failed'}" value="${c.seq}"><details><summary><code>${escapeHtml(c.method)}</code> ${c.ok ? 'ok' : `<strong>${escapeHtml(c.error)}</strong>`}</summary><pre>${json(c.args)}</pre></details></li>`,
    );
  // Newest first, each numbered by when it was made.
  return `<ol class="calls">${items.join('')}</ol>`;
}

export function filingsHtml(ws: Workspace): string {
  if (!ws.filings.length)
    return '<p class="empty">Nothing filed yet. Submit a form to see what would be filed.</p>';
  return ws.filings
    .slice()
    .reverse()
    .map((f) => {
      const what =
        f.error !== undefined ? 'Could not file' : f.preview !== undefined ? 'Would file' : 'Filed';
      const link = f.url
        ? `<p><a href="${escapeHtml(f.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(f.url)}</a></p>`
        : '';
      const body =
        f.error !== undefined
          ? `<p>${escapeHtml(f.error)}</p>`
          : f.preview !== undefined
            ? `<pre>${json(f.preview)}</pre>`
            : '';
      return `<article class="filing" aria-label="${what}: ${escapeHtml(f.title)}"><h3>${what}: ${escapeHtml(f.title)}</h3>${link}${body}</article>`;
    })
    .join('');
}

export function rulesHtml(ws: Workspace): string {
  const r = ws.rules;
  if (!r) return '';
  const shown = path.relative(process.cwd(), r.file);
  const file = shown && !shown.startsWith('..') ? shown : r.file;
  const status = `<p>Rules: <code>${escapeHtml(file)}</code>, ${r.ruleCount} rules, loaded at ${escapeHtml(r.loadedAt)}. Edit the file: the page picks the change up.</p>`;
  if (!r.problems.length) return status;
  const problems = r.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return `${status}<div class="rules-problems" role="alert"><p><strong>The rules file has problems; the last good rules stay in use:</strong></p><ul>${problems}</ul></div>`;
}
