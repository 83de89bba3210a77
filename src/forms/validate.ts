// Validates a submitted modal before anything is stored: each value is checked by its field's own
// rule (links parsed against the configured hosts and rebuilt) or its type's, then the kind's cross
// checks run, and every problem is reported on its own block, so Slack keeps what the person typed
// and shows the message under the right field.
import { z } from 'zod';
import { KINDS, type FormDefinition } from '../kinds';
import type { FieldDef, FieldType } from '../kinds/fields';
import { parseHttpsUrl, type LinkHosts } from '../kinds/links';
import { stripInvisible } from '../text/invisible';
import { blockValue, viewStateSchema } from './view-state';

export { viewStateSchema, type ViewStateValues } from './view-state';

export type Validation =
  { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

type Parsed = { value: string } | { error: string };

const email = z.email();
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const oneOfTheOptions = (raw: string, field: FieldDef): Parsed =>
  raw.split(',').every((v) => field.options?.some((o) => o.value === v))
    ? { value: raw }
    : { error: 'Pick one of the options.' };

/** The check of each field type, for fields without a rule of their own. */
const TYPE_CHECKS: Record<FieldType, (raw: string, field: FieldDef) => Parsed> = {
  text: (raw) => ({ value: raw }),
  multiline: (raw) => ({ value: raw }),
  email: (raw) =>
    email.safeParse(raw).success
      ? { value: raw.toLowerCase() }
      : { error: 'Enter an email address, like name@example.com.' },
  date: (raw) => (isoDate.test(raw) ? { value: raw } : { error: 'Pick a date.' }),
  number: (raw) => {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 && n <= 1_000_000
      ? { value: String(n) }
      : { error: 'Enter a whole number above 0.' };
  },
  select: oneOfTheOptions,
  checkbox: oneOfTheOptions,
  url: (raw) => {
    const url = parseHttpsUrl(raw);
    return url ? { value: url } : { error: 'Paste an https:// link.' };
  },
};

/** Checks one non-empty value; returns the normalised value or an error message. */
function checkField(field: FieldDef, raw: string, hosts: LinkHosts): Parsed {
  if (field.maxLength && raw.length > field.maxLength)
    return { error: `Keep it under ${field.maxLength} characters.` };
  return field.parse ? field.parse(raw, hosts) : TYPE_CHECKS[field.type](raw, field);
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
    // What is typed is what gets filed, minus characters nobody can see (bidi controls, zero-width).
    const raw = stripInvisible(blockValue(parsed.data, field.id)).trim();
    if (!raw) {
      if (field.required) errors[field.id] = 'This is required.';
      continue;
    }
    const checked = checkField(field, raw, hosts);
    if ('error' in checked) errors[field.id] = checked.error;
    else values[field.id] = checked.value;
  }
  Object.assign(errors, KINDS[def.kind].crossCheck(def, values, today));
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
