// App Home: published when a user opens the tab, and again on "Refresh".
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { AppDeps } from '../deps';
import { ACTION_HOME_ASK, ACTION_ONCALL_REFRESH } from '../ids';
import { actorOfBody } from '../slack/actor';
import { openAskModal } from '../shortcuts/ask-support';
import { publishHome } from './publish';

export async function handleHomeOpened(
  { event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  if (event.tab !== 'home') return;
  const actor = { userId: event.user, teamId: body.team_id, enterpriseId: body.enterprise_id };
  await publishHome(client, deps, actor);
}

export async function handleHomeRefresh(
  { ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  await ack();
  await publishHome(client, deps, actorOfBody(body));
}

/** App Home's ask: the "Ask Support" modal, answered (and its question asked) in place like the shortcut's. */
export async function handleHomeAsk(
  { ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  await ack();
  await openAskModal(client, body.trigger_id, deps, 'home');
}

export function register(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(ACTION_HOME_ASK, (args) => handleHomeAsk(args, deps));
  app.event('app_home_opened', (args) => handleHomeOpened(args, deps));
  app.action<BlockButtonAction>(ACTION_ONCALL_REFRESH, (args) => handleHomeRefresh(args, deps));
}
