// Fills a rule's answer with the file's destinations, so channels and URLs live in one place.
import type { Rule } from './schema';
import type { RuleSet } from './types';

export function renderAnswer(rule: Rule, rules: RuleSet): string {
  const destinations = rules.file.destinations;
  return rule.answer
    .replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (match, name: string) => destinations[name] ?? match)
    .trim();
}
