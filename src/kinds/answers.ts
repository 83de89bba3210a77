// The answers of a form as Markdown (for issue descriptions and ticket comments), and an option's
// label for its stored value: one place for both, whatever the kind or the destination.
import type { FormDefinition } from './definition';
import type { FieldDef } from './fields';

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/** The label a select field shows for a stored value (the value itself when it is not an option). */
export function optionLabelOf(field: Pick<FieldDef, 'options'>, value: string | undefined): string {
  return field.options?.find((o) => o.value === value)?.label ?? value ?? '';
}

/** The answers as Markdown, in the form's order; multi-line answers quoted. */
export function answers(def: FormDefinition, values: Record<string, string>, footer: string[]): string {
  const lines: string[] = [];
  for (const field of def.fields) {
    const value = values[field.id];
    if (!value || field.type === 'checkbox') continue;
    if (field.type === 'multiline') lines.push(`**${field.label}:**\n\n${quote(value)}\n`);
    else lines.push(`**${field.label}:** ${optionLabelOf(field, value).replace(/\n/g, ' ')}`);
  }
  return [...lines, '', ...footer].join('\n').trim();
}
