// The route catalogue's ids: a contract with the benchmarks and every tool that reads the bot's answers.

/** The Internal Request form's options, one route each; listed once for the catalogue and the forms. */
const INTERNAL_REQUEST_ROUTE_IDS = [
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
] as const;

export const ROUTE_IDS = [
  'it-help',
  'general-question',
  'possible-bug',
  'support-channels',
  'support-meta',
  'customer-needs-support',
  'ticket-on-behalf',
  'account-login-issue',
  'customer-info-request',
  'light-agent-account',
  'full-agent-account',
  'upgrade-assistance',
  'oncall/support',
  'oncall/cmoc',
  'recaptcha',
  'support-feedback',
  'contact/incident',
  'contact/single-user',
  'contact/many-users',
  'support-readiness',
  'namespace-squatting',
  ...INTERNAL_REQUEST_ROUTE_IDS,
  'trial-start',
  'us-federal-license',
  'team-member-license',
  'billable-members',
  'group-members-report',
  'star',
  'account-escalation',
  'emergency-ticket',
  'gitlab-com-incident',
  'security-incident',
  'admin-setting-change',
  'priority-prospect',
  'subscription-apply-trouble',
  'shared-org-tickets',
  'org-notes',
  'unknown',
] as const;

/** The action each route takes, as the catalogue fixes it. */
export const REFUSE_ROUTES = ['customer-info-request', 'trial-start'];
export const ONCALL_ROUTES = ['oncall/support', 'oncall/cmoc'];

export type RouteId = (typeof ROUTE_IDS)[number];

/** The 28 form routes of the route catalogue. */
export const FORM_ROUTE_IDS = [
  'support-meta',
  'ticket-on-behalf',
  'support-feedback',
  'contact/incident',
  'contact/single-user',
  'support-readiness',
  'namespace-squatting',
  ...INTERNAL_REQUEST_ROUTE_IDS,
  'star',
  'org-notes',
] as const satisfies readonly RouteId[];
