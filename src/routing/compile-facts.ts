// Compiles the rules file's facts (the distinctions between neighbouring routes) and the routes'
// requires/excludes conditions on them, checking that every condition names a real fact and value
// and that every fact can actually be asked.
import type { CompiledCondition, CompiledFact, CompiledRule, CompiledTerm } from './compile';
import type { FactCondition, RulesFile } from './schema';

type Attempt = <T>(where: string, fn: () => T) => T[];

export function compileFacts(
  file: RulesFile,
  resolveTerm: (term: string) => CompiledTerm,
  attempt: Attempt,
): CompiledFact[] {
  return Object.entries(file.facts).map(([name, fact]) => ({
    name,
    question: fact.question,
    values: fact.values.map((value) => ({
      id: value.id,
      label: value.label,
      says: value.says.flatMap((t) => attempt(`fact ${name}: ${value.id}.says`, () => resolveTerm(t))),
      negated: (value.negated ?? []).flatMap((t) =>
        attempt(`fact ${name}: ${value.id}.negated`, () => resolveTerm(t)),
      ),
    })),
  }));
}

export function compileConditions(
  ruleId: string,
  field: 'requires' | 'excludes',
  conditions: FactCondition | undefined,
  facts: CompiledFact[],
  problems: string[],
): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  for (const [name, raw] of Object.entries(conditions ?? {})) {
    const fact = facts.findIndex((f) => f.name === name);
    const values = typeof raw === 'string' ? [raw] : raw;
    if (fact < 0) {
      problems.push(`rule ${ruleId}: ${field}: unknown fact "${name}"`);
      continue;
    }
    const known = (facts[fact] as CompiledFact).values.map((v) => v.id);
    const unknown = values.filter((v) => !known.includes(v));
    if (unknown.length) {
      problems.push(
        `rule ${ruleId}: ${field}.${name}: unknown value ${unknown.map((v) => `"${v}"`).join(', ')} (known: ${known.join(', ')})`,
      );
      continue;
    }
    out.push({ fact, values });
  }
  return out;
}

/**
 * A fact's question can only be asked when routes require different values of it: a fact that no
 * two routes differ on is a mistake in the file (a typo in a rule, or a leftover).
 */
export function unaskableFacts(facts: CompiledFact[], rules: CompiledRule[]): string[] {
  return facts.flatMap((fact, index) => {
    const required = new Set<string>();
    for (const rule of rules)
      for (const c of rule.requires) if (c.fact === index) for (const v of c.values) required.add(v);
    return required.size >= 2
      ? []
      : [
          `fact ${fact.name}: needs routes that require at least two of its values (so its question can be asked)`,
        ];
  });
}
