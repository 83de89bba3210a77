// Internal requests (licenses, subscriptions, trials): a Zendesk ticket in the internal-requests
// form, one of 19 options (internal-request-options.ts), each with its own fields, priority and tag.
// The modal can switch option, and the request is filed under the route of the option finally picked.
import type { ZendeskTicket } from '../filing/types';
import { internalRequestRoute } from '../routes';
import type { Rule } from '../routing/schema';
import { answers, optionLabelOf } from './answers';
import { customFieldValue } from './custom-fields';
import { pickFields } from './definition';
import { FIELDS, type FieldDef } from './fields';
import {
  findOption,
  INTERNAL_REQUEST_OPTIONS,
  optionLabel,
  type InternalRequestOption,
} from './internal-request-options';
import type { FormKind, FormRule } from './kind';
import { nameFromEmail } from './zendesk-requester';

const DAY_MS = 86_400_000;

/** The option a modal shows: the one picked in it, else the rule's, else "other". */
function optionFor(rule: FormRule, optionId?: string): InternalRequestOption {
  return (
    findOption(optionId) ??
    findOption(rule.form.option) ??
    findOption(rule.id) ??
    INTERNAL_REQUEST_OPTIONS.at(-1)!
  );
}

/** Rules carry the handbook's notes per internal-request route: the picked option's rule has them. */
function notesFor(
  rule: FormRule,
  rulesById: ReadonlyMap<string, Rule>,
  option: InternalRequestOption,
): string[] {
  return (rulesById.get(internalRequestRoute(option.id)) ?? rule).form?.notes ?? [];
}

export const internalRequest: FormKind = {
  define: (rule, rulesById, optionId) => {
    const option = optionFor(rule, optionId);
    return {
      routeId: rule.id,
      kind: 'internal-request',
      title: 'Internal request',
      submitLabel: 'File request',
      fields: pickFields(option.fields, option.requires, option.optional),
      notes: [
        ...new Set([
          ...notesFor(rule, rulesById, option),
          ...(option.group.includes('Trial')
            ? ['Support will not start a trial: have the customer start a normal trial first.']
            : []),
          'One license or subscription per request.',
        ]),
      ],
      option,
    };
  },
  textField: 'context',
  defaults: {},
  onlyInSupportHours: false,
  crossCheck: (def, values, today) => {
    const errors: Record<string, string> = {};
    if (values.new_date && values.new_date <= today) errors.new_date = 'Pick a date in the future.';
    if (def.option?.id === 'community-license' && values.new_date && !values.manager_email) {
      const days = (Date.parse(values.new_date) - Date.parse(today)) / DAY_MS;
      if (days > 90) errors.manager_email = 'Licenses over 90 days need the approving manager’s email.';
    }
    return errors;
  },
  fileUnder: (def, rule, rulesById) => {
    const route = def.option ? internalRequestRoute(def.option.id) : undefined;
    return route && rulesById.has(route) ? route : rule.id;
  },
  target: 'zendesk-ticket',
  plan: async ({ definition, values: v, who, footer, deps }) => {
    const option = definition.option ?? INTERNAL_REQUEST_OPTIONS.at(-1)!;
    const ir = deps.settings.internalRequest;
    const label = optionLabel(option);
    // Zendesk does not read GitLab references: its text stays exactly as typed.
    const signed = [...footer, who.email ? `Team member: ${who.name ?? ''} <${who.email}>` : ''].filter(
      Boolean,
    );
    // A drop-down takes the tag of the option chosen, looked up by the label the form shows.
    const custom = Object.entries(ir.customFields).flatMap(([name, entry]) => {
      const field = FIELDS[name as keyof typeof FIELDS] as FieldDef | undefined;
      const answer = name === 'option' ? label : field ? optionLabelOf(field, v[name]) : (v[name] ?? '');
      const value = customFieldValue(entry, answer);
      return value ? [value] : [];
    });
    const what = v.namespace ?? v.license_id ?? v.contact_email ?? '';
    const ticket: ZendeskTicket = {
      subject: `Internal Request: ${option.option}${what ? ` (${what})` : ''}`.slice(0, 250),
      comment: { body: answers(definition, v, [`**Request:** ${label}`, '', ...signed]), public: false },
      ...(who.email ? { requester: { email: who.email, name: who.name || nameFromEmail(who.email) } } : {}),
      ...(ir.ticketFormId ? { ticket_form_id: ir.ticketFormId } : {}),
      ...(custom.length ? { custom_fields: custom } : {}),
      tags: [...ir.tags, `ir_${option.id.replace(/-/g, '_')}`],
      priority: option.priority,
    };
    return { target: 'zendesk-ticket', ticket };
  },
  afterFiled: [],
};
