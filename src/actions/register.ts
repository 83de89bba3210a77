// Interactive parts of the triage reply: "Not what I meant" / the unknown-route menu, and URL
// buttons (which still send block_actions that must be acked).
import type { AllMiddlewareArgs, App, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeTriageRef } from '../analytics/triage-ref';
import type { AppDeps } from '../deps';
import { ACTION_OPEN_LINK, ACTION_PICK_ROUTE } from '../ids';
import { picked, triageReply } from '../listeners/triage';
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

export function register(app: App, deps: AppDeps): void {
  app.action<BlockStaticSelectAction>(ACTION_PICK_ROUTE, (args) => handlePickRoute(args, deps));
  app.action(ACTION_OPEN_LINK, async ({ ack }) => ack());
}
