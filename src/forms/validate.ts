// Validates a submitted modal before anything is stored: each value is checked with zod, links
// are parsed against the configured hosts and rebuilt, and every problem is reported on its own
// block, so Slack keeps what the person typed and shows the message under the right field.
import { z } from 'zod';
import { stripInvisible } from '../text/invisible';
import type { FieldDef } from '../kinds/fields';
import type { FormDefinition } from '../kinds/definition';
import { parseGroup, parseHttpsUrl, parseTicketLink, type LinkHosts } from '../kinds/links';

const stateValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_date: z.string().nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
  })
  .loose();

export const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValue));
export type ViewStateValues = z.infer<typeof viewStateSchema>;

export type Validation =
  { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** The raw value of one field, whatever element carried it ("" when empty or absent). */
function readRaw(state: ViewStateValues, field: FieldDef): string {
  const block = state[field.id];
  const element = block ? Object.values(block)[0] : undefined;
  if (!element) return '';
  if (element.selected_option) return element.selected_option.value;
  if (element.selected_date) return element.selected_date;
  if (element.selected_options) return element.selected_options.map((o) => o.value).join(',');
  // What is typed is what gets filed, minus characters nobody can see (bidi controls, zero-width).
  return stripInvisible(element.value ?? '').trim();
}

const email = z.email();
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one non-empty value; returns the normalised value or an error message. */
function checkField(field: FieldDef, raw: string, hosts: LinkHosts): { value: string } | { error: string } {
  if (field.maxLength && raw.length > field.maxLength)
    return { error: `Keep it under ${field.maxLength} characters.` };
  if (field.parse) return field.parse(raw, hosts);
  switch (field.type) {
    case 'email':
      return email.safeParse(raw).success
        ? { value: raw.toLowerCase() }
        : { error: 'Enter an email address, like name@example.com.' };
    case 'date':
      return isoDate.test(raw) ? { value: raw } : { error: 'Pick a date.' };
    case 'number': {
      const n = Number(raw);
      return Number.isInteger(n) && n > 0 && n <= 1_000_000
        ? { value: String(n) }
        : { error: 'Enter a whole number above 0.' };
    }
    case 'select':
    case 'checkbox':
      return raw.split(',').every((v) => field.options?.some((o) => o.value === v))
        ? { value: raw }
        : { error: 'Pick one of the options.' };
    case 'url': {
      if (field.id === 'ticket_link') {
        const link = parseTicketLink(raw, hosts);
        return link
          ? { value: link.url }
          : {
              error: `Paste a link to a Zendesk ticket (${hosts.zendesk.join(', ')}) or an issue in ${hosts.internalRequestsProject}.`,
            };
      }
      if (field.id === 'incident') {
        const url = parseHttpsUrl(raw, [new URL(hosts.gitlabUrl).hostname]);
        return url
          ? { value: url }
          : { error: `Paste a link to the incident issue on ${new URL(hosts.gitlabUrl).hostname}.` };
      }
      if (field.id === 'related_ticket') {
        const link = parseTicketLink(raw, hosts);
        return link
          ? { value: link.url }
          : { error: `Paste a link to a Zendesk ticket (${hosts.zendesk.join(', ')}).` };
      }
      const url = parseHttpsUrl(raw);
      return url ? { value: url } : { error: 'Paste an https:// link.' };
    }
    default:
      if (field.id === 'namespace' || field.id === 'group') {
        const group = parseGroup(raw, hosts.gitlabUrl);
        return group
          ? { value: group.url }
          : { error: `Enter a group path or a link on ${new URL(hosts.gitlabUrl).hostname}.` };
      }
      return { value: raw };
  }
}

/** Rules that look at several fields at once. */
function crossChecks(
  def: FormDefinition,
  values: Record<string, string>,
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (def.kind === 'star' && values.plan?.startsWith('saas-') && !values.group)
    errors.group = 'GitLab.com tickets need the group URL or name.';
  if (values.new_date && values.new_date <= today && def.kind === 'internal-request')
    errors.new_date = 'Pick a date in the future.';
  if (def.option?.id === 'community-license' && values.new_date && !values.manager_email) {
    const days = (Date.parse(values.new_date) - Date.parse(today)) / 86_400_000;
    if (days > 90) errors.manager_email = 'Licenses over 90 days need the approving manager’s email.';
  }
  return errors;
}

export function validateSubmission(
  def: FormDefinition,
  state: unknown,
  hosts: LinkHosts,
  today: string,
): Validation {
  const parsed = viewStateSchema.safeParse(state);
  const first = def.fields[0]?.id ?? 'form';
  if (!parsed.success)
    return { ok: false, errors: { [first]: 'The form could not be read. Please try again.' } };
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of def.fields) {
    const raw = readRaw(parsed.data, field);
    if (!raw) {
      if (field.required) errors[field.id] = 'This is required.';
      continue;
    }
    const checked = checkField(field, raw, hosts);
    if ('error' in checked) errors[field.id] = checked.error;
    else values[field.id] = checked.value;
  }
  Object.assign(errors, crossChecks(def, values, today));
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
