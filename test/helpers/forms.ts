// Payload factories for form tests: view state as Slack sends it, filled with valid values.
import type { FieldDef } from '../../src/kinds/fields';
import type { FormDefinition } from '../../src/kinds';
import type { LinkHosts } from '../../src/kinds/links';

export const HOSTS: LinkHosts = {
  zendesk: ['gitlab.zendesk.com'],
  gitlabUrl: 'https://gitlab.com',
  internalRequestsProject: 'gitlab-com/support/internal-requests',
};
export const TODAY = '2026-11-24';

const SAMPLE: Record<string, string> = {
  ticket_link: 'https://gitlab.zendesk.com/agent/tickets/123456',
  urgency: 'timely',
  plan: 'saas-premium',
  group: 'https://gitlab.com/acme',
  reason: 'stalled',
  details: 'No reply for 3 days.',
  desired_result: 'An engineer picks it up today.',
  contact_email: 'admin@acme.example',
  namespace: 'acme',
  license_id: 'A-S00012345',
  sfdc_link: 'https://gitlab.my.salesforce.com/006XXXX',
  new_date: '2026-12-20',
  seats: '25',
  manager_email: 'manager@gitlab.example',
  context: 'Renewal is in progress.',
  title: 'Improve the handover',
  description: 'Details here.',
  gitlab_user: 'jdoe',
  incident: 'https://gitlab.com/gitlab-com/gl-infra/production/-/issues/1',
  customer: 'Acme Inc.',
  related_ticket: 'https://gitlab.zendesk.com/agent/tickets/9',
  change_date: '2026-12-01',
  organization: 'Acme Inc.',
  valid_until: '2027-06-30',
  customer_email: 'customer@example.com',
  customer_name: 'Casey Customer',
  subject: 'Runners stopped',
  cc_me: 'yes',
};

export function filledValues(
  def: FormDefinition,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of def.fields) if (SAMPLE[f.id]) values[f.id] = SAMPLE[f.id]!;
  return { ...values, ...overrides };
}

function element(field: FieldDef, value: string | undefined): Record<string, unknown> {
  switch (field.type) {
    case 'select':
      return {
        type: 'static_select',
        selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
      };
    case 'date':
      return { type: 'datepicker', selected_date: value ?? null };
    case 'checkbox':
      return {
        type: 'checkboxes',
        selected_options: value ? value.split(',').map((v) => ({ value: v })) : [],
      };
    case 'email':
      return { type: 'email_text_input', value: value ?? null };
    case 'url':
      return { type: 'url_text_input', value: value ?? null };
    case 'number':
      return { type: 'number_input', value: value ?? null };
    default:
      return { type: 'plain_text_input', value: value ?? null };
  }
}

/** view.state.values for the definition's fields (absent values are sent as null, like Slack). */
export function stateFor(
  def: FormDefinition,
  values: Record<string, string>,
): Record<string, Record<string, Record<string, unknown>>> {
  return Object.fromEntries(def.fields.map((f) => [f.id, { value: element(f, values[f.id]) }]));
}
