// Wires every Slack surface to the app. One register(app, deps) per surface; nothing else here.
import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { registerForms } from '../forms/register';

export function registerListeners(app: App, deps: AppDeps): void {
  registerForms(app, deps);
}
