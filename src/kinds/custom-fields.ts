// Zendesk ticket custom fields by form field name. A text field takes the answer as typed; a
// drop-down field takes the chosen option's value, which is its tag, not its label (ticket fields'
// custom_field_options have a `name` shown and a `value` set:
// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/), so the filing config
// maps each label the form can send to its tag, checked at boot: every label offered must be there.
import { z } from 'zod';
import { FIELDS } from './fields';
import { INTERNAL_REQUEST_OPTIONS, optionLabel } from './internal-request-options';

export const customFieldSchema = z.union([
  z.number().int().positive(),
  z
    .object({
      id: z.number().int().positive(),
      /** Drop-down: the form's label -> the option's tag value in Zendesk. */
      tags: z.record(z.string(), z.string().min(1)),
    })
    .strict(),
]);

export type CustomField = z.infer<typeof customFieldSchema>;

/** The labels the form can send for a field: the request option's, or a select field's options. */
export function labelsOf(name: string): readonly string[] | undefined {
  if (name === 'option') return INTERNAL_REQUEST_OPTIONS.map(optionLabel);
  const field = (FIELDS as Record<string, { options?: readonly { label: string }[] }>)[name];
  return field?.options?.map((o) => o.label);
}

/** Problems with the drop-down maps, one per missing label, so the operator fixes them in one pass. */
export function customFieldProblems(fields: Record<string, CustomField>): string[] {
  return Object.entries(fields).flatMap(([name, entry]) => {
    if (typeof entry === 'number') return [];
    const labels = labelsOf(name);
    if (!labels) return [`${name}: not a drop-down in the form, so it takes a plain id, not tags`];
    return labels
      .filter((label) => !(label in entry.tags))
      .map((label) => `${name}.tags: no tag value for "${label}"`);
  });
}

/** The custom_fields entry for an answer (a label for drop-downs), or undefined when there is none. */
export function customFieldValue(
  entry: CustomField,
  answer: string,
): { id: number; value: string } | undefined {
  if (!answer) return undefined;
  if (typeof entry === 'number') return { id: entry, value: answer };
  const tag = entry.tags[answer];
  return tag ? { id: entry.id, value: tag } : undefined;
}
