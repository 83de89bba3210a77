// The real rules file, loaded once per test file.
import { loadRules } from '../../src/routing/load';
import type { RuleSet } from '../../src/routing/types';

let cached: RuleSet | undefined;
export function handbookRules(): RuleSet {
  cached ??= loadRules();
  return cached;
}

// The form routes live with the other route ids; re-exported for the tests that load the rules.
export { FORM_ROUTE_IDS } from '../routing/route-ids';
