// Interactive parts of the triage reply: "Not what I meant" / the unknown-route menu, the clarifying
// question and the unsure reply's route buttons, and URL buttons (which still send block_actions
// that must be acked).
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { decodeTriageRef } from '../analytics/triage-ref';
import type { AppDeps } from '../deps';
import { ACTION_ANSWER_QUESTION, ACTION_CHOOSE_ROUTE, ACTION_OPEN_LINK, ACTION_PICK_ROUTE } from '../ids';
import { escapeMrkdwn } from '../slack/escape';
import { clip } from '../slack/limits';
import { decodeFormValue } from '../views/form-button';
import { picked, triageReply } from '../triage/reply';
import { actorOfBody } from '../slack/actor';
import { buildAnswerModal } from '../views/ask';
import { ROUTE_GONE } from '../views/triage';

export type PickArgs = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

export async function handlePickRoute(
  { ack, action, body, respond, client }: PickArgs,
  deps: AppDeps,
): Promise<void> {
  await ack();
  const route = action.selected_option.value;
  if (!deps.rules.byId.has(route)) {
    deps.logger.warn({ route }, 'picked a route the rules no longer have');
    // Inside a modal there is no response_url; the menu stays there to pick another.
    if (!body.view) await respond({ response_type: 'ephemeral', replace_original: false, text: ROUTE_GONE });
    return;
  }
  // The menu's block says which answer is corrected; the new answer keeps that id, so a form
  // opened from it (or a second correction) still belongs to the same request.
  const from = decodeTriageRef(action.block_id);
  if (from) deps.insights.corrected({ triageId: from.triageId, from: from.route, to: route });
  const viewer = { client, actor: actorOfBody(body) };
  const reply = triageReply(deps, viewer, picked(route), {
    why: 'You picked this route',
    ...(from ? { ref: { triageId: from.triageId, route } } : {}),
  });
  const message = reply.later ? await reply.later : reply.now;
  if (body.view) {
    await client.views.update({ view_id: body.view.id, view: buildAnswerModal(message) });
    return;
  }
  // A private reply is replaced in place; a public thread reply stays, and the picker gets a private answer.
  const inPlace = body.container?.is_ephemeral === true;
  await respond({ response_type: 'ephemeral', replace_original: inPlace, ...message });
}

export type ChooseArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * A clarifying question's answer, or one of the likely routes of an unsure reply: the route it
 * selects answers in the same message (the modal, the private reply or the bot's thread reply).
 */
export async function handleChooseRoute(
  { ack, action, body, respond, client }: ChooseArgs,
  deps: AppDeps,
): Promise<void> {
  await ack();
  const { route, permalink, text } = decodeFormValue(action.value ?? '');
  if (!deps.rules.byId.has(route)) {
    deps.logger.warn({ route }, 'chose a route the rules no longer have');
    if (!body.view) await respond({ response_type: 'ephemeral', replace_original: false, text: ROUTE_GONE });
    return;
  }
  const why =
    action.action_id === ACTION_ANSWER_QUESTION
      ? `You answered: ${escapeMrkdwn(clip(action.text.text, 75))}`
      : 'You picked this route';
  // The answer keeps the id of the reply it came from, so a form opened from it is tied to that request.
  const from = decodeTriageRef(action.block_id);
  const reply = triageReply(deps, { client, actor: actorOfBody(body) }, picked(route), {
    why,
    ...(permalink ? { permalink } : {}),
    ...(text ? { quoted: text } : {}),
    ...(from ? { ref: { triageId: from.triageId, route } } : {}),
  });
  const message = reply.later ? await reply.later : reply.now;
  if (body.view) {
    await client.views.update({ view_id: body.view.id, view: buildAnswerModal(message) });
    return;
  }
  // The question was only a step: its message becomes the answer.
  await respond({ replace_original: true, ...message });
}

export function register(app: App, deps: AppDeps): void {
  app.action<BlockStaticSelectAction>(ACTION_PICK_ROUTE, (args) => handlePickRoute(args, deps));
  app.action<BlockButtonAction>(ACTION_ANSWER_QUESTION, (args) => handleChooseRoute(args, deps));
  app.action<BlockButtonAction>(ACTION_CHOOSE_ROUTE, (args) => handleChooseRoute(args, deps));
  app.action(ACTION_OPEN_LINK, async ({ ack }) => ack());
}
