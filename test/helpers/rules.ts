// The real rules file, loaded once per test file.
import { loadRules } from '../../src/routing/load';
import type { RuleSet } from '../../src/routing/types';

let cached: RuleSet | undefined;
export function handbookRules(): RuleSet {
  cached ??= loadRules();
  return cached;
}

/** The 28 form routes of the route catalogue. */
export const FORM_ROUTE_IDS = [
  'support-meta',
  'ticket-on-behalf',
  'support-feedback',
  'contact/incident',
  'contact/single-user',
  'support-readiness',
  'namespace-squatting',
  'internal-request/saas-extend-subscription',
  'internal-request/saas-investigate-subscription',
  'internal-request/saas-reset-max-seats',
  'internal-request/saas-nfr',
  'internal-request/billing-entity-change',
  'internal-request/saas-extend-trial',
  'internal-request/saas-change-trial',
  'internal-request/sm-extend-subscription',
  'internal-request/sm-license-not-received',
  'internal-request/sm-resend-license',
  'internal-request/sm-multi-year-license',
  'internal-request/sm-nfr',
  'internal-request/sm-trial-problem',
  'internal-request/sm-modify-trial',
  'internal-request/sm-extend-trial',
  'internal-request/order-management',
  'internal-request/hackerone-license',
  'internal-request/community-license',
  'internal-request/other',
  'star',
  'org-notes',
] as const;
