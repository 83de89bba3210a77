// One form definition per form route, resolved from the rule's form block (from the rules file)
// and the catalogues here. The modal builder, the validator and the filing plan all read it.
import type { FormSpec, Rule } from '../routing/schema';
import { FIELDS, type FieldDef, type FieldId } from './fields';
import { ISSUE_FORMS } from './gitlab-issue-forms';
import { findOption, INTERNAL_REQUEST_OPTIONS, type InternalRequestOption } from './internal-request-options';

export interface FormDefinition {
  routeId: string;
  kind: FormSpec['kind'];
  title: string;
  submitLabel: string;
  fields: FieldDef[];
  notes: string[];
  /** Internal requests: the option the modal shows (the route's, or the one picked in the modal). */
  option?: InternalRequestOption;
}

const STAR_FIELDS: FieldId[] = [
  'ticket_link',
  'urgency',
  'plan',
  'group',
  'reason',
  'details',
  'desired_result',
];
const ON_BEHALF_FIELDS: FieldId[] = ['customer_email', 'customer_name', 'subject', 'description', 'cc_me'];

function pick(ids: FieldId[], requires: FieldId[] = [], optional: FieldId[] = []): FieldDef[] {
  return ids.map((id) => {
    const def = FIELDS[id];
    if (requires.includes(id)) return { ...def, required: true };
    if (optional.includes(id)) return { ...def, required: false };
    return def;
  });
}

/** The notes of the rule for an option: rules carry the handbook's notes per internal-request route. */
function notesFor(
  rule: Rule,
  rulesById?: ReadonlyMap<string, Rule>,
  option?: InternalRequestOption,
): string[] {
  const source = option && rulesById ? (rulesById.get(`internal-request/${option.id}`) ?? rule) : rule;
  return source.form?.notes ?? [];
}

export function formDefinition(
  rule: Rule,
  rulesById?: ReadonlyMap<string, Rule>,
  optionId?: string,
): FormDefinition | undefined {
  const form = rule.form;
  if (!form) return undefined;
  switch (form.kind) {
    case 'star':
      return {
        routeId: rule.id,
        kind: 'star',
        title: 'Ticket attention (STAR)',
        submitLabel: 'Submit STAR',
        fields: pick(STAR_FIELDS),
        notes: form.notes ?? [],
      };
    case 'ticket-on-behalf':
      return {
        routeId: rule.id,
        kind: 'ticket-on-behalf',
        title: 'Ticket for a customer',
        submitLabel: 'Open ticket',
        fields: pick(ON_BEHALF_FIELDS),
        notes: form.notes ?? [],
      };
    case 'internal-request': {
      const option =
        findOption(optionId) ??
        findOption(form.option) ??
        findOption(rule.id) ??
        INTERNAL_REQUEST_OPTIONS.at(-1)!;
      return {
        routeId: rule.id,
        kind: 'internal-request',
        title: 'Internal request',
        submitLabel: 'File request',
        fields: pick(option.fields, option.requires, option.optional),
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
    }
    case 'gitlab-issue': {
      const spec = ISSUE_FORMS[rule.id];
      const fields = spec ? pick(spec.fields) : pick(['title', 'description']);
      return {
        routeId: rule.id,
        kind: 'gitlab-issue',
        title: spec?.modalTitle ?? 'Open an issue',
        submitLabel: 'Open issue',
        fields,
        notes: form.notes ?? [],
      };
    }
  }
}
