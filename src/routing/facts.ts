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

/** The required facts the message states, for the evidence: "deployment: saas", "trial need: extend". */
export function statedLabels(rule: CompiledRule, facts: CompiledFact[], reading: FactReading): string[] {
  const out: string[] = [];
  for (const c of rule.requires) {
    const fact = facts[c.fact] as CompiledFact;
    for (const value of c.values)
      if (reading.stated[c.fact]?.has(value)) out.push(`${fact.name.replace(/_/g, ' ')}: ${value}`);
  }
  return out;
}

/** "internal-request/sm-nfr" -> "internal-request": the routes of one handbook form or family. */
const family = (id: string) => id.split('/')[0] as string;

/**
 * Siblings: one family, the same facts required; they differ in the values. (A route that holds
 * for any value of a fact its siblings need says so: contact/incident requires contact_scale one or many.)
 */
const siblings = (a: CompiledRule, b: CompiledRule) =>
  family(a.id) === family(b.id) &&
  a.requires.length === b.requires.length &&
  a.requires.every((c) => b.requires.some((o) => o.fact === c.fact));

/** Routes an answer offers: the best few that require its value. */
const ROUTES_PER_ANSWER = 3;

/**
 * The question to ask, if any: the first fact the best route requires that the message leaves open,
 * when another candidate requires a different value of it and is either among the top routes or the
 * best route's sibling (one family, the same facts required, so the two differ there) and nothing in the
 * message rules it out. Each answer selects the candidates that require its value, best first; a
 * question needs at least two answers with routes.
 */
export function questionFor(
  candidates: CompiledRule[],
  top: CompiledRule[],
  facts: CompiledFact[],
  reading: FactReading,
): Question | undefined {
  const best = candidates[0];
  if (!best) return undefined;
  const open = (r: CompiledRule) => r.requires.every((c) => meets(c, reading) !== 'no');
  for (const c of best.requires) {
    if ((reading.stated[c.fact] as Set<string>).size) continue;
    const rival = (r: CompiledRule) =>
      r !== best &&
      r.requires.some((o) => o.fact === c.fact && !o.values.some((v) => c.values.includes(v))) &&
      open(r) &&
      (top.includes(r) || siblings(r, best));
    const rivals = candidates.filter(rival);
    if (!rivals.length) continue;
    const fact = facts[c.fact] as CompiledFact;
    const asked = [best, ...rivals];
    const options = fact.values
      .map((value) => ({
        label: value.label,
        routes: asked
          .filter((r) => r.requires.some((o) => o.fact === c.fact && o.values.includes(value.id)))
          .slice(0, ROUTES_PER_ANSWER)
          .map((r) => r.id),
      }))
      .filter((o) => o.routes.length > 0);
    if (options.length >= 2) return { fact: fact.name, text: fact.question, options };
  }
  return undefined;
}
