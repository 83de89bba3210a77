// Global shortcut "Ask Support": a modal to describe the request or pick a route. On submit the
// answer replaces the modal (response_action "update"); an on-call answer that is not cached
// follows with views.update once the lookup is done.
import type {
  AllMiddlewareArgs,
  App,
  GlobalShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { AppDeps } from '../deps';
import {
  ACTION_ASK_ROUTE,
  ACTION_ASK_TEXT,
  BLOCK_ASK_ROUTE,
  BLOCK_ASK_TEXT,
  SHORTCUT_ASK,
  VIEW_ASK,
} from '../ids';
import { picked, triageReply } from '../triage/reply';
import { actorOfBody } from '../slack/actor';
import { buildAnswerModal, buildAskModal } from '../views/ask';

/** Opens the "Ask Support" modal (the global shortcut and App Home's button share it). */
export async function openAskModal(
  client: AllMiddlewareArgs['client'],
  triggerId: string,
  deps: AppDeps,
  from: string,
): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view: buildAskModal(deps.rules) });
  } catch (err) {
    // expired_trigger_id / exchanged_trigger_id: there is nowhere else to answer.
    deps.logger.warn({ err, from }, 'could not open the Ask Support modal');
  }
}

export async function handleAskShortcut(
  { ack, shortcut, client }: SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  await ack();
  await openAskModal(client, shortcut.trigger_id, deps, 'shortcut');
}

export interface AskInput {
  text?: string;
  route?: string;
}

/** Reads the modal's state tolerantly: a missing block or element is simply "not given". */
export function readAskInput(view: ViewSubmitAction['view']): AskInput {
  const values = view.state.values;
  const text = values[BLOCK_ASK_TEXT]?.[ACTION_ASK_TEXT]?.value?.trim();
  const route = values[BLOCK_ASK_ROUTE]?.[ACTION_ASK_ROUTE]?.selected_option?.value;
  return { ...(text ? { text } : {}), ...(route ? { route } : {}) };
}

export async function handleAskSubmit(
  { ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  const input = readAskInput(view);
  if (!input.text && !input.route) {
    await ack({
      response_action: 'errors',
      errors: { [BLOCK_ASK_TEXT]: 'Describe your request, or pick a route below.' },
    });
    return;
  }
  if (input.route && !deps.rules.byId.has(input.route)) {
    await ack({
      response_action: 'errors',
      errors: { [BLOCK_ASK_ROUTE]: 'That route no longer exists; pick another.' },
    });
    return;
  }
  const classification = input.route ? picked(input.route) : deps.classify(input.text ?? '');
  const reply = triageReply(deps, { client, actor: actorOfBody(body) }, classification, {
    ...(input.text ? { quoted: input.text } : {}),
    ...(input.route
      ? { why: 'You picked this route' }
      : { record: { surface: 'global_shortcut', text: input.text ?? '' } }),
  });
  await ack({ response_action: 'update', view: buildAnswerModal(reply.now) });
  if (reply.later) await client.views.update({ view_id: view.id, view: buildAnswerModal(await reply.later) });
}

export function register(app: App, deps: AppDeps): void {
  app.shortcut<GlobalShortcut>({ callback_id: SHORTCUT_ASK, type: 'shortcut' }, (args) =>
    handleAskShortcut(args, deps),
  );
  app.view<ViewSubmitAction>(VIEW_ASK, (args) => handleAskSubmit(args, deps));
}
