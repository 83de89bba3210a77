// The real rules file, loaded once per test file.
import { loadRules, parseRules, RulesError } from '../../src/routing/load';
import type { RuleSet } from '../../src/routing/types';

let cached: RuleSet | undefined;
export function handbookRules(): RuleSet {
  cached ??= loadRules();
  return cached;
}

// The form routes live with the other route ids; re-exported for the tests that load the rules.
export { FORM_ROUTE_IDS } from '../routing/route-ids';

/** What loading a rules file from YAML reports ([] when it loads). */
export function rulesProblems(yaml: string): string[] {
  try {
    parseRules(yaml, 'test.yml');
  } catch (err) {
    if (err instanceof RulesError) return err.problems;
    throw err;
  }
  return [];
}
