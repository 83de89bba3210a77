// What a form looks like for one route: resolved from the rule's form block (from the rules file)
// by the rule's kind (KINDS). The modal builder, the validator and the filing plan all read it.
import type { FormKindId } from './kind';
import { FIELDS, type FieldDef, type FieldId } from './fields';
import type { InternalRequestOption } from './internal-request-options';

export interface FormDefinition {
  routeId: string;
  kind: FormKindId;
  title: string;
  submitLabel: string;
  fields: FieldDef[];
  notes: string[];
  /** Internal requests: the option the modal shows (the route's, or the one picked in the modal). */
  option?: InternalRequestOption;
}

/** The catalogue's fields by id, with the required flag overridden where a form says so. */
export function pickFields(ids: FieldId[], requires: FieldId[] = [], optional: FieldId[] = []): FieldDef[] {
  return ids.map((id) => {
    const def = FIELDS[id];
    if (requires.includes(id)) return { ...def, required: true };
    if (optional.includes(id)) return { ...def, required: false };
    return def;
  });
}
