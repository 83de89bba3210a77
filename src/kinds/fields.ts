// The fields the forms are made of, as data. Each field's id is its block_id in the modal (so a
// validation error lands on it) and the key of its value in the stored submission.
import { parseGroup, parseHttpsUrl, parseTicketLink, type LinkHosts } from './links';

export type FieldType = 'text' | 'multiline' | 'email' | 'url' | 'date' | 'number' | 'select' | 'checkbox';

export interface FieldOption {
  value: string;
  label: string;
  description?: string;
}

export interface FieldDef {
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  options?: readonly FieldOption[];
  /** A check of its own, instead of its type's: the normalised value, or the error to show under it. */
  parse?: (raw: string, hosts: LinkHosts) => { value: string } | { error: string };
}

/** The single action_id of every input element; blocks are told apart by block_id. */
export const FIELD_ACTION = 'value';

const field = (id: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  id,
  label,
  type,
  required: true,
  ...extra,
});

export const URGENCY_OPTIONS = [
  {
    value: 'not-urgent',
    label: 'Not Urgent (response within 2 h)',
    description: 'Increased visibility; overall impact low',
  },
  {
    value: 'timely',
    label: 'Timely (response within 1 h)',
    description: 'Potential or existing dissatisfaction; impact medium',
  },
  {
    value: 'urgent',
    label: 'Urgent (response within 30 min)',
    description: 'May become an emergency; impact high',
  },
] as const;

export const STAR_REASONS = [
  { value: 'stalled', label: 'Progress stalled: needs more engineering effort' },
  { value: 'priority-changed', label: 'The ticket’s priority changed (Low -> High)' },
  { value: 'dissatisfaction', label: 'High customer dissatisfaction: intervene now' },
  { value: 'management-oversight', label: 'Support Management oversight needed' },
] as const;

export const PLAN_OPTIONS = [
  { value: 'saas-premium', label: 'GitLab.com Premium' },
  { value: 'saas-ultimate', label: 'GitLab.com Ultimate' },
  { value: 'sm-premium', label: 'Self-Managed Premium' },
  { value: 'sm-ultimate', label: 'Self-Managed Ultimate' },
  { value: 'dedicated', label: 'GitLab Dedicated' },
  { value: 'other', label: 'Other / not sure' },
] as const;

// GitLab's username format: letters, digits, _ - and .; not starting with - nor ending with . .git .atom.
const GITLAB_USERNAME = /^(?!.*\.(git|atom)$)([\w.][\w.-]{0,253}[\w-]|\w)$/;

/** "jdoe", "@jdoe" or a profile link on the GitLab host, as the bare username. */
export function parseGitlabUser(raw: string, hosts: LinkHosts): { value: string } | { error: string } {
  const profile = `${hosts.gitlabUrl.replace(/\/+$/, '')}/`;
  const name = (raw.startsWith(profile) ? raw.slice(profile.length) : raw)
    .replace(/^@/, '')
    .replace(/\/$/, '');
  return GITLAB_USERNAME.test(name)
    ? { value: name }
    : {
        error: `Enter a GitLab username, like jdoe, or a profile link on ${new URL(hosts.gitlabUrl).hostname}.`,
      };
}

type Parsed = { value: string } | { error: string };
const hostOf = (url: string) => new URL(url).hostname;

/** A Zendesk ticket, or (for a STAR) an issue in the internal-requests project. */
function parseTicketOrRequest(raw: string, hosts: LinkHosts): Parsed {
  const link = parseTicketLink(raw, hosts);
  return link
    ? { value: link.url }
    : {
        error: `Paste a link to a Zendesk ticket (${hosts.zendesk.join(', ')}) or an issue in ${hosts.internalRequestsProject}.`,
      };
}

function parseRelatedTicket(raw: string, hosts: LinkHosts): Parsed {
  const link = parseTicketLink(raw, hosts);
  return link
    ? { value: link.url }
    : { error: `Paste a link to a Zendesk ticket (${hosts.zendesk.join(', ')}).` };
}

function parseIncident(raw: string, hosts: LinkHosts): Parsed {
  const url = parseHttpsUrl(raw, [hostOf(hosts.gitlabUrl)]);
  return url
    ? { value: url }
    : { error: `Paste a link to the incident issue on ${hostOf(hosts.gitlabUrl)}.` };
}

function parseGitlabGroup(raw: string, hosts: LinkHosts): Parsed {
  const group = parseGroup(raw, hosts.gitlabUrl);
  return group
    ? { value: group.url }
    : { error: `Enter a group path or a link on ${hostOf(hosts.gitlabUrl)}.` };
}

/** Every field any form uses, by id. */
export const FIELDS = {
  ticket_link: field('ticket_link', 'Ticket link', 'url', {
    parse: parseTicketOrRequest,
    hint: 'A Zendesk ticket, or an issue in the internal-requests project.',
    placeholder: 'https://gitlab.zendesk.com/agent/tickets/123456',
  }),
  urgency: field('urgency', 'Urgency', 'select', { options: URGENCY_OPTIONS }),
  plan: field('plan', 'Plan', 'select', { options: PLAN_OPTIONS }),
  group: field('group', 'GitLab.com group URL or name', 'text', {
    required: false,
    parse: parseGitlabGroup,
    hint: 'Required for GitLab.com tickets.',
    placeholder: 'https://gitlab.com/my-group',
  }),
  reason: field('reason', 'Reason this ticket needs attention', 'select', { options: STAR_REASONS }),
  details: field('details', 'Details', 'multiline', {
    maxLength: 3000,
    hint: 'What happened so far and why now.',
  }),
  desired_result: field('desired_result', 'Desired result', 'multiline', { maxLength: 1000 }),

  contact_email: field('contact_email', 'Customer contact email', 'email'),
  namespace: field('namespace', 'GitLab.com namespace or group URL', 'text', {
    parse: parseGitlabGroup,
    placeholder: 'https://gitlab.com/my-group',
  }),
  license_id: field('license_id', 'License or subscription ID', 'text', { placeholder: 'A-S00012345' }),
  sfdc_link: field('sfdc_link', 'SFDC opportunity link', 'url', { required: false }),
  new_date: field('new_date', 'New end date', 'date'),
  seats: field('seats', 'Number of seats (users)', 'number'),
  manager_email: field('manager_email', "Approving manager's email", 'email', {
    required: false,
    hint: 'Required when the license lasts more than 90 days.',
  }),
  context: field('context', 'Additional context', 'multiline', { maxLength: 3000 }),

  title: field('title', 'Title', 'text', { maxLength: 200 }),
  description: field('description', 'Description', 'multiline', { maxLength: 3000 }),
  gitlab_user: field('gitlab_user', 'GitLab.com username or profile URL', 'text', { parse: parseGitlabUser }),
  incident: field('incident', 'Incident issue link', 'url', { parse: parseIncident }),
  customer: field('customer', 'Customer or prospect', 'text'),
  related_ticket: field('related_ticket', 'Related ticket link', 'url', {
    required: false,
    parse: parseRelatedTicket,
  }),
  change_date: field('change_date', 'Date of the change', 'date', { required: false }),
  organization: field('organization', 'Zendesk organization or user', 'text'),
  valid_until: field('valid_until', 'Valid until', 'date', {
    required: false,
    hint: 'Leave empty if the note does not expire.',
  }),

  customer_email: field('customer_email', "Customer's email address", 'email', {
    hint: 'The customer becomes the requester.',
  }),
  // Zendesk needs a name to create a requester it does not know yet (422 without one).
  customer_name: field('customer_name', "Customer's name", 'text', {
    required: false,
    maxLength: 100,
    hint: 'Used if Zendesk does not know the customer yet; without it, the part of the email before the @.',
  }),
  subject: field('subject', 'Subject', 'text', { maxLength: 150 }),
  cc_me: field('cc_me', 'Copy me', 'checkbox', {
    required: false,
    options: [{ value: 'yes', label: 'CC me on the ticket' }],
  }),
} satisfies Record<string, FieldDef>;

export type FieldId = keyof typeof FIELDS;
