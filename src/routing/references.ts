// Cross-references of a rules file (concepts named in signals, {{placeholders}} in answers), checked
// on the raw parsed YAML. They run even when the schema finds other mistakes, so a file with three
// mistakes shows all three at once, each with a "did you mean" for a near-miss name.
import { nearMiss } from '../checks/problems';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** "@name" references inside one term ("@saas|gitlab.com"). */
function conceptRefs(term: string): string[] {
  return term
    .split('|')
    .map((alt) => alt.trim())
    .filter((alt) => alt.startsWith('@'))
    .map((alt) => alt.slice(1));
}

const ruleName = (rule: Raw, index: number) =>
  `rule ${typeof rule.id === 'string' ? rule.id : `#${index + 1}`}`;

/** The message the compiler gives for an unknown concept, with a suggestion when one is near. */
export function unknownConcept(name: string, known: string[]): string {
  const guess = nearMiss(name, known);
  return `unknown concept @${name}${guess ? `. Did you mean @${guess}?` : ''}`;
}

function unknownPlaceholder(name: string, known: string[]): string {
  const guess = nearMiss(name, known);
  return `answer: uses {{${name}}} but destinations has no "${name}"${guess ? `. Did you mean {{${guess}}}?` : ''}`;
}

export function referenceProblems(raw: unknown): string[] {
  if (!isObject(raw)) return [];
  const concepts = isObject(raw.concepts) ? raw.concepts : {};
  const conceptNames = Object.keys(concepts);
  const destinations = isObject(raw.destinations) ? Object.keys(raw.destinations) : [];
  const problems: string[] = [];
  for (const [name, members] of Object.entries(concepts))
    for (const ref of strings(members).flatMap(conceptRefs))
      if (!(ref in concepts)) problems.push(`concepts.${name}: ${unknownConcept(ref, conceptNames)}`);
  const rules = Array.isArray(raw.rules) ? raw.rules : [];
  rules.forEach((rule: unknown, index) => {
    if (!isObject(rule)) return;
    const signals = Array.isArray(rule.signals) ? rule.signals : [];
    signals.forEach((signal: unknown, i) => {
      if (!isObject(signal)) return;
      const terms = [...strings(signal.any), ...strings(signal.all), ...strings(signal.none)];
      for (const ref of new Set(terms.flatMap(conceptRefs)))
        if (!(ref in concepts))
          problems.push(`${ruleName(rule, index)}: signals[${i}]: ${unknownConcept(ref, conceptNames)}`);
    });
    if (typeof rule.answer === 'string')
      for (const [, name] of rule.answer.matchAll(/\{\{\s*([\w.-]{1,100})\s*\}\}/g))
        if (name && !destinations.includes(name))
          problems.push(`${ruleName(rule, index)}: ${unknownPlaceholder(name, destinations)}`);
  });
  return problems;
}
