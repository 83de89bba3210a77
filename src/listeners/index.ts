// Wires every Slack surface to the app. One register(app, deps) per surface; nothing else here.
import type { App } from '@slack/bolt';
import { register as registerActions } from '../actions/register';
import { register as registerCommands } from '../commands/support';
import type { AppDeps } from '../deps';
import { register as registerMentions } from '../events/app-mention';
import { register as registerForms } from '../forms/register';
import { register as registerHome } from '../home/register';
import { register as registerAsk } from '../shortcuts/ask-support';
import { register as registerRouteMessage } from '../shortcuts/route-message';
import { eventDedupeMiddleware } from '../slack/dedupe-middleware';

export function registerListeners(app: App, deps: AppDeps): void {
  app.use(eventDedupeMiddleware(deps.dedupe, deps.logger));
  registerCommands(app, deps);
  registerMentions(app, deps);
  registerHome(app, deps);
  registerRouteMessage(app, deps);
  registerAsk(app, deps);
  registerActions(app, deps);
  registerForms(app, deps);
}
