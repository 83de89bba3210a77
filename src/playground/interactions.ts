// Buttons, menus and modals: block_actions from a message (with its response_url) or a view, and
// view_submission with its ack applied as Slack applies it: `errors` under their fields, `update`,
// `push`, `clear`, or (an empty ack) the submitted view closed. Closing sends view_closed when the
// view asked for it (notify_on_close).
//   https://docs.slack.dev/surfaces/modals#interactions
import { z } from 'zod';
import type { AppEndpoint, Ack } from './driver';
import { sendInteraction } from './driver';
import type { ActionOf } from './page-actions';
import { blockActions, viewPayload } from './payloads';
import { slackClientErrors } from './required';
import type { ResponseUrls } from './responses';
import { actionOf, findElement, stateFrom, type PageValues } from './values';
import { pushView, updateView, viewJson } from './views';
import type { Workspace } from './workspace';

export interface InteractionDeps {
  ws: Workspace;
  responses: ResponseUrls;
  app: () => Promise<AppEndpoint>;
  /** Shows an ack that was not a 200 on the page. */
  checked: (ack: Ack, what: string) => Ack;
}

const errorsSchema = z.record(z.string(), z.string());

export async function blockAction(d: InteractionDeps, a: ActionOf<'block_action'>): Promise<void> {
  const { ws, responses } = d;
  const [kind, ...rest] = a.container.split(':');
  const triggerId = ws.issueTrigger();
  const actionTs = ws.nextTs();
  if (kind === 'message') {
    const [channel = '', ts = ''] = rest;
    const message = ws.find(channel, ts);
    const element = message && findElement(message.blocks, a.block, a.action);
    if (!message || !element) return;
    const thread = message.threadTs ? { threadTs: message.threadTs } : {};
    const { url } = responses.create({ channel, sourceTs: ts, ...thread });
    const payload = blockActions({
      action: actionOf(element, a.block, a.value, actionTs),
      triggerId,
      message,
      responseUrl: url,
      state: stateFrom(message.blocks, a.values ?? {}),
    });
    d.checked(await sendInteraction(await d.app(), payload), 'the button');
    return;
  }
  const view = ws.viewById(rest.join(':'));
  const element = view && findElement(view.view.blocks, a.block, a.action);
  if (!view || !element) return;
  if (a.values) view.state = stateFrom(view.view.blocks, a.values);
  const payload = blockActions({
    action: actionOf(element, a.block, a.value, actionTs),
    triggerId,
    view: viewJson(view, ws),
    state: view.state,
  });
  d.checked(await sendInteraction(await d.app(), payload), 'the button');
}

export async function submit(d: InteractionDeps, viewId: string, values: PageValues): Promise<void> {
  const { ws } = d;
  const view = ws.modals.at(-1);
  if (!view || view.id !== viewId) return;
  view.state = stateFrom(view.view.blocks, values);
  const refused = slackClientErrors(view.view.blocks, view.state);
  if (Object.keys(refused).length) {
    view.errors = refused;
    return ws.changed();
  }
  const payload = viewPayload('view_submission', viewJson(view, ws), ws.issueTrigger());
  const ack = d.checked(await sendInteraction(await d.app(), payload), 'the form');
  if (ack.status !== 200) return;
  const body = ack.body ?? {};
  const next =
    body.view && typeof body.view === 'object' ? (body.view as Record<string, unknown>) : undefined;
  if (body.response_action === 'errors') {
    view.errors = errorsSchema.catch({}).parse(body.errors);
    ws.changed();
  } else if (body.response_action === 'update' && next) updateView(ws, view, next);
  else if (body.response_action === 'push' && next) pushView(ws, next);
  else {
    // An empty ack closes the submitted view; `clear` closes the whole stack.
    ws.modals = body.response_action === 'clear' ? [] : ws.modals.filter((v) => v.id !== viewId);
    ws.changed();
  }
}

export async function close(d: InteractionDeps, viewId: string): Promise<void> {
  const { ws } = d;
  const view = ws.modals.find((v) => v.id === viewId);
  if (!view) return;
  ws.modals = ws.modals.filter((v) => v.id !== viewId);
  ws.changed();
  if (view.view.notify_on_close === true)
    d.checked(
      await sendInteraction(await d.app(), viewPayload('view_closed', viewJson(view, ws), '')),
      'closing the form',
    );
}
