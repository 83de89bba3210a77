// The filing module's entry points for the Slack app: registerForms (called by registerListeners)
// and formSubcommands (merged into /support). The filing service arrives in deps.filing once main
// has opened the store; until then (or in a bot without storage) the form button opens a modal that
// links the handbook's form instead.
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  types,
} from '@slack/bolt';
import type { SubcommandTable } from '../commands/subcommand';
import type { AppDeps } from '../deps';
import { ACTION_OPEN_FORM } from '../ids';
import type { Rule } from '../routing/schema';
import { escapeMrkdwn, mrkdwnLink } from '../slack/escape';
import { clip, LIMITS } from '../slack/limits';
import { decodeFormValue } from '../views/form-button';
import { createFormSubcommands } from './commands';
import type { FormsContext } from './context';
import { registerFormListeners } from './listeners';
import { handleOpenForm, showForm } from './open';

export function formsContextOf(deps: AppDeps): FormsContext | undefined {
  if (!deps.filing) return undefined;
  const { config, logger, rules, filing, membership, insights } = deps;
  return { config, logger, rules, filing, membership, insights };
}

export const formSubcommands: SubcommandTable = createFormSubcommands(formsContextOf);

/** Without a filing service: say what the form needs and link the handbook's own form. */
export function buildFormPlaceholder(rule: Rule): types.ModalView {
  const link = rule.form?.url ?? rule.link;
  const text = `*${escapeMrkdwn(rule.title)}*\nFiling from Slack is not set up on this bot. Use ${mrkdwnLink(link, "the handbook's form")}.`;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(rule.title, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }],
  };
}

export async function openFormButton(
  args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  const ctx = formsContextOf(deps);
  if (ctx) return handleOpenForm(args, ctx);
  const { ack, action } = args;
  await ack();
  const rule = deps.rules.byId.get(decodeFormValue(action.value ?? '').route);
  if (!rule) return;
  await showForm(args, buildFormPlaceholder(rule), deps.logger);
}

export function registerForms(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(ACTION_OPEN_FORM, (args) => openFormButton(args, deps));
  registerFormListeners(app, () => formsContextOf(deps));
}
