// App Home: published when a user opens the tab, and again on "Refresh".
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { AppDeps } from '../deps';
import { ACTION_ONCALL_REFRESH } from '../ids';
import { actorOfBody } from '../slack/actor';
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

export function register(app: App, deps: AppDeps): void {
  app.event('app_home_opened', (args) => handleHomeOpened(args, deps));
  app.action<BlockButtonAction>(ACTION_ONCALL_REFRESH, (args) => handleHomeRefresh(args, deps));
}
