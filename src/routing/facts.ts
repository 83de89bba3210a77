// Reasoning with the rules' facts: which value of each fact a message states (or denies), how that
// moves each route's score, and the one question to ask when the top routes differ on a fact the
// message leaves open. Pure; runs per message on the terms already found.
import type { CompiledCondition, CompiledFact, CompiledRule } from './compile';
import type { TermHits } from './match';
import type { Question } from './types';

/** Per fact: the values the message states and the ones it denies. */
export interface FactReading {
  stated: Array<Set<string>>;
  denied: Array<Set<string>>;
}

export function readFacts(facts: CompiledFact[], hits: TermHits): FactReading {
  const stated: Array<Set<string>> = [];
  const denied: Array<Set<string>> = [];
  for (const fact of facts) {
    const says = new Set<string>();
    const no = new Set<string>();
    for (const value of fact.values) {
      if (value.says.some((t) => hits.has(t)) || value.negated.some((t) => hits.hasNegated(t)))
        says.add(value.id);
      else if (value.says.some((t) => hits.hasNegated(t))) no.add(value.id);
    }
    stated.push(says);
    denied.push(no);
  }
  return { stated, denied };
}

const meets = (c: CompiledCondition, reading: FactReading): 'yes' | 'no' | 'open' => {
  const stated = reading.stated[c.fact] as Set<string>;
  if (c.values.some((v) => stated.has(v))) return 'yes';
  if (stated.size > 0 || c.values.every((v) => reading.denied[c.fact]?.has(v))) return 'no';
  return 'open';
};

/**
 * -1 for each required fact the message contradicts (another value stated, or the required one
 * denied) and for each excluded value it states. Only contradictions count: stating a value a
 * route requires is already what its signals reward, and a bonus would favour routes with facts.
 */
export function factScore(rule: CompiledRule, reading: FactReading): number {
  let score = 0;
  for (const c of rule.requires) if (meets(c, reading) === 'no') score -= 1;
  for (const c of rule.excludes)
    if ((reading.stated[c.fact] as Set<string>).size && meets(c, reading) === 'yes') score -= 1;
  return score;
}

/** The facts the message states, in words, for the evidence line: "GitLab.com". */
export function statedLabels(rule: CompiledRule, facts: CompiledFact[], reading: FactReading): string[] {
  const out: string[] = [];
  for (const c of rule.requires) {
    const fact = facts[c.fact] as CompiledFact;
    for (const value of fact.values)
      if (c.values.includes(value.id) && reading.stated[c.fact]?.has(value.id)) out.push(value.label);
  }
  return out;
}

/**
 * The question to ask, if any: the first fact on which the best route and a close runner-up require
 * different values while the message states none of them. Each answer selects the candidates that
 * require its value, best first; a question needs at least two answers with routes.
 */
export function questionFor(
  ranked: CompiledRule[],
  close: CompiledRule[],
  facts: CompiledFact[],
  reading: FactReading,
): Question | undefined {
  const [best, ...rest] = close;
  if (!best) return undefined;
  for (const c of best.requires) {
    if ((reading.stated[c.fact] as Set<string>).size) continue;
    const differs = rest.some((r) =>
      r.requires.some((o) => o.fact === c.fact && !o.values.some((v) => c.values.includes(v))),
    );
    if (!differs) continue;
    const fact = facts[c.fact] as CompiledFact;
    const options = fact.values
      .map((value) => ({
        label: value.label,
        routes: ranked
          .filter((r) => r.requires.some((o) => o.fact === c.fact && o.values.includes(value.id)))
          .map((r) => r.id),
      }))
      .filter((o) => o.routes.length > 0);
    if (options.length >= 2) return { fact: fact.name, text: fact.question, options };
  }
  return undefined;
}
