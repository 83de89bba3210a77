// Turns a stored submission into what to file: a GitLab issue (STAR, issue forms) or a Zendesk
// ticket (internal requests, tickets on behalf). Runs in the worker, after the ack, so it may look
// up the on-call person and the requester's email. User text is quoted, so a line like "/close"
// typed into a form cannot run as a GitLab quick action, and it is made inert for GitLab
// (gitlab-text.ts): no mention, reference, link or image from typed text works there.
import { customFieldValue } from '../filing/custom-fields';
import { FilingError } from '../filing/errors';
import type { FilingSettings } from '../filing/settings';
import type { FilingRequest, PrepareFiling, ZendeskTicket } from '../filing/types';
import type { OncallService, Rotation } from '../oncall/types';
import type { RuleSet } from '../routing/types';
import type { Submission } from '../store/types';
import { formDefinition, type FormDefinition } from './definitions';
import { FIELDS, type FieldDef } from './fields';
import { ISSUE_FORMS } from './gitlab-issues';
import { stripInvisible } from '../text/invisible';
import { inertMarkdown, neutraliseMentions } from './gitlab-text';
import { optionLabel } from './internal-requests';
import { readPayload } from './payload';

export interface Requester {
  name?: string;
  email?: string;
}

export interface PlanDeps {
  rules: RuleSet;
  settings: FilingSettings;
  oncall?: Pick<OncallService, 'lookup'>;
  /** The requester's name and email from Slack (users.info); {} when Slack has none; throws on failure. */
  lookupUser?: (userId: string) => Promise<Requester>;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/** "Sam Seller (Slack user U0ABCDEF12)", or just the id when the name is unknown. */
function slackUserLabel(name: string | undefined, userId: string): string {
  const id = `Slack user ${userId.replace(/[^A-Z0-9]/gi, '')}`;
  return name ? `${name} (${id})` : id;
}

function display(field: FieldDef, value: string): string {
  return field.options?.find((o) => o.value === value)?.label ?? value;
}

/** The answers as Markdown, in the form's order; multi-line answers quoted. */
export function answers(def: FormDefinition, values: Record<string, string>, footer: string[]): string {
  const lines: string[] = [];
  for (const field of def.fields) {
    const value = values[field.id];
    if (!value || field.type === 'checkbox') continue;
    if (field.type === 'multiline') lines.push(`**${field.label}:**\n\n${quote(value)}\n`);
    else lines.push(`**${field.label}:** ${display(field, value).replace(/\n/g, ' ')}`);
  }
  return [...lines, '', ...footer].join('\n').trim();
}

async function assignee(
  deps: PlanDeps,
  who: 'cmoc' | 'support-manager' | undefined,
): Promise<string | undefined> {
  if (!who || !deps.oncall) return undefined;
  // The Support Manager on call is a rotation of its own, never a role guessed inside another.
  const rotation: Rotation = who === 'cmoc' ? 'cmoc' : 'manager';
  const result = await deps.oncall.lookup(rotation);
  if (!result.ok) return undefined;
  const person = result.answer.people[0];
  if (!person) return undefined;
  return (
    (person.slackUserId && deps.settings.gitlabUsers[person.slackUserId]) ||
    deps.settings.gitlabUsers[person.name]
  );
}

/**
 * Zendesk creates a requester it does not know only with a name (Tickets API, "Creating a ticket
 * with a new requester"); without one given, the address's local part stands in, as Zendesk's own
 * email channel does.
 */
export function nameFromEmail(email: string): string {
  return email.split('@')[0] || email;
}

export function createPrepare(deps: PlanDeps): PrepareFiling {
  return async (submission: Submission): Promise<FilingRequest> => {
    const rule = deps.rules.byId.get(submission.routeId);
    const payload = readPayload(submission.payload);
    const def = rule ? formDefinition(rule, deps.rules.byId, payload.optionId) : undefined;
    if (!rule?.form || !def)
      throw new FilingError('permanent', 'This kind of request is no longer filed by the bot.');
    const typed = payload.values;
    // A failed lookup fails this preparation (retried): the request is never sent without its
    // requester and CC, and the first body that goes out is the one every retry sends.
    const found =
      (await deps.lookupUser?.(submission.userId).catch((err: unknown) => {
        throw new FilingError('retryable', 'Slack did not say who sent this request.', {
          service: 'Slack',
          reasons: [err instanceof Error ? err.message : String(err)],
        });
      })) ?? {};
    // A Slack display name is typed by its owner like any other text.
    const who: Requester = found.name ? { ...found, name: stripInvisible(found.name) } : found;
    const footer = [
      // Named without a `@`: `@U0ABCDEF12` would mention whoever registers that name on GitLab.
      `Submitted from Slack by ${slackUserLabel(who.name, submission.userId)} via support-router.`,
      ...(payload.permalink ? [`Slack message: ${payload.permalink}`] : []),
    ];

    if (def.kind === 'star' || def.kind === 'gitlab-issue') {
      const inert = (values: Record<string, string>, how: (t: string) => string) =>
        Object.fromEntries(Object.entries(values).map(([k, value]) => [k, how(value)]));
      const v = inert(typed, inertMarkdown);
      const forTitle = inert(typed, neutraliseMentions);
      const spec = ISSUE_FORMS[rule.id];
      const star = def.kind === 'star';
      const urgency = display(FIELDS.urgency, v.urgency ?? '');
      const project = rule.form.project ?? (star ? deps.settings.star.project : undefined);
      if (!project)
        throw new FilingError('permanent', 'The bot does not know which GitLab project to file this in.');
      const assigneeUsername = await assignee(deps, rule.form.assignee);
      return {
        target: 'gitlab-issue',
        project,
        title: star
          ? `STAR: ${urgency.split(' (')[0]}: ${forTitle.ticket_link}`
          : (spec?.issueTitle(forTitle) ?? forTitle.title ?? rule.title).slice(0, 255),
        description: answers(def, v, footer.map(inertMarkdown)),
        ...(rule.form.template ? { template: rule.form.template } : {}),
        ...(spec?.fallbackTemplate ? { fallbackTemplate: spec.fallbackTemplate } : {}),
        labels: rule.form.labels ?? (star ? deps.settings.star.labels : []),
        // STARs carry customer details; issue forms follow the rule (public projects stay public).
        confidential: rule.form.confidential ?? star,
        ...(assigneeUsername ? { assigneeUsername } : {}),
      };
    }

    // Zendesk does not read GitLab references: its text stays exactly as typed.
    const v = typed;
    const signed = [...footer, who.email ? `Team member: ${who.name ?? ''} <${who.email}>` : ''].filter(
      Boolean,
    );
    if (def.kind === 'internal-request' && def.option) {
      const ir = deps.settings.internalRequest;
      const label = optionLabel(def.option);
      // A drop-down takes the tag of the option chosen, looked up by the label the form shows.
      const custom = Object.entries(ir.customFields).flatMap(([name, entry]) => {
        const field = FIELDS[name as keyof typeof FIELDS] as FieldDef | undefined;
        const answer = name === 'option' ? label : field ? display(field, v[name] ?? '') : (v[name] ?? '');
        const value = customFieldValue(entry, answer);
        return value ? [value] : [];
      });
      const what = v.namespace ?? v.license_id ?? v.contact_email ?? '';
      const ticket: ZendeskTicket = {
        subject: `Internal Request: ${def.option.option}${what ? ` (${what})` : ''}`.slice(0, 250),
        comment: { body: answers(def, v, [`**Request:** ${label}`, '', ...signed]), public: false },
        ...(who.email ? { requester: { email: who.email, name: who.name || nameFromEmail(who.email) } } : {}),
        ...(ir.ticketFormId ? { ticket_form_id: ir.ticketFormId } : {}),
        ...(custom.length ? { custom_fields: custom } : {}),
        tags: [...ir.tags, `ir_${def.option.id.replace(/-/g, '_')}`],
        priority: def.option.priority,
      };
      return { target: 'zendesk-ticket', ticket };
    }

    const tob = deps.settings.ticketOnBehalf;
    const customerEmail = v.customer_email ?? '';
    const ccMe = v.cc_me === 'yes' && who.email;
    const ticket: ZendeskTicket = {
      subject: (v.subject ?? rule.title).slice(0, 250),
      // The customer reads this comment: no Slack ids or links, only who opened it.
      comment: { body: answers(def, v, [`Opened on your behalf by ${who.name ?? 'a GitLab team member'}.`]) },
      requester: { email: customerEmail, name: v.customer_name || nameFromEmail(customerEmail) },
      ...(ccMe ? { email_ccs: [{ user_email: who.email!, action: 'put' as const }] } : {}),
      ...(tob.ticketFormId ? { ticket_form_id: tob.ticketFormId } : {}),
      tags: tob.tags,
    };
    return { target: 'zendesk-ticket', ticket };
  };
}
