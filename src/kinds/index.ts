// The table of form kinds: the rules schema's `form.kind` -> the module that implements it. The
// compiler checks the table against the schema's kinds, so a kind added to one must be added to both.
import type { Rule } from '../routing/schema';
import type { FormDefinition } from './definition';
import { gitlabIssueKind } from './gitlab-issue';
import { internalRequest } from './internal-request';
import type { FormKind, FormKindId, FormRule } from './kind';
import { star } from './star';
import { ticketOnBehalf } from './ticket-on-behalf';

export const KINDS = {
  star,
  'internal-request': internalRequest,
  'gitlab-issue': gitlabIssueKind,
  'ticket-on-behalf': ticketOnBehalf,
} as const satisfies Record<FormKindId, FormKind>;

/** A rule's form kind and the rule narrowed to one with a form; undefined for rules without one. */
export function kindOf(rule: Rule | undefined): { kind: FormKind; rule: FormRule } | undefined {
  if (!rule?.form) return undefined;
  return { kind: KINDS[rule.form.kind], rule: rule as FormRule };
}

/** The form for a rule (with the internal-request option picked, when given); undefined without one. */
export function formDefinition(
  rule: Rule,
  rulesById: ReadonlyMap<string, Rule>,
  optionId?: string,
): FormDefinition | undefined {
  const found = kindOf(rule);
  return found?.kind.define(found.rule, rulesById, optionId);
}

export type { FormKind, FormKindId, FormRule } from './kind';
export type { FormDefinition } from './definition';
