// Placeholder for the filing module: the triage button (ACTION_OPEN_FORM, value = route id) opens a
// modal that says what the form will ask and links the handbook's form. The filing module replaces
// this file with real modals and adds its subcommands to formSubcommands.
import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { types } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { ACTION_OPEN_FORM } from '../ids';
import type { SubcommandTable } from '../commands/subcommand';
import type { FormSpec, Rule } from '../routing/schema';
import { decodeFormValue } from '../views/form-button';
import { escapeMrkdwn } from '../slack/escape';
import { clip, LIMITS } from '../slack/limits';

export const formSubcommands: SubcommandTable = {};

const FIELDS: Record<FormSpec['kind'], string[]> = {
  star: [
    'Urgency',
    'Plan',
    'GitLab.com group URL or name',
    'Reason this ticket needs attention',
    'Desired result',
  ],
  'internal-request': ['What is this request concerning?', 'Priority', 'SFDC link', 'Additional context'],
  'gitlab-issue': ['Title', 'Description (following the issue template)'],
  'ticket-on-behalf': ["Customer's email address", 'Subject', 'Description of the problem'],
};

export function buildFormPlaceholder(rule: Rule, permalink?: string): types.ModalView {
  const form = rule.form;
  const fields = form ? FIELDS[form.kind] : [];
  const link = form?.url ?? rule.link;
  const lines = [
    `*${escapeMrkdwn(rule.title)}*`,
    'Filing from Slack is coming soon. The form will ask for:',
    ...fields.map((f) => `• ${f}`),
    `Until then, use <${link}|the handbook's form>.`,
  ];
  if (permalink) lines.push(`Include the link to the Slack message: ${escapeMrkdwn(permalink)}`);
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(rule.title, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), LIMITS.sectionText) } }],
  };
}

export async function openFormPlaceholder(
  args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  deps: AppDeps,
): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const { route, permalink } = decodeFormValue(action.value ?? '');
  const rule = deps.rules.byId.get(route);
  if (!rule) {
    deps.logger.warn({ route }, 'open_form for an unknown route');
    return;
  }
  const view = buildFormPlaceholder(rule, permalink);
  // Inside a modal (Ask Support) the form stacks on top; elsewhere it opens a new modal.
  if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

export function registerForms(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(ACTION_OPEN_FORM, (args) => openFormPlaceholder(args, deps));
}
