// The route ids the code names by id. rules/handbook.yml defines every route; these are the ones a
// listener or view picks directly (App Home's buttons, the fallback menu, the /support subcommands,
// the GitLab-issue forms, the privacy reminder). Kept in one place, and a test checks each against
// the rules, so renaming a route in the rules fails a test instead of silently dropping a button.
export const ROUTE = {
  generalQuestion: 'general-question',
  possibleBug: 'possible-bug',
  supportChannels: 'support-channels',
  customerNeedsSupport: 'customer-needs-support',
  oncallSupport: 'oncall/support',
  oncallCmoc: 'oncall/cmoc',
  star: 'star',
  ticketOnBehalf: 'ticket-on-behalf',
  supportMeta: 'support-meta',
  supportFeedback: 'support-feedback',
  supportReadiness: 'support-readiness',
  contactIncident: 'contact/incident',
  contactSingleUser: 'contact/single-user',
  namespaceSquatting: 'namespace-squatting',
  orgNotes: 'org-notes',
  internalRequestOther: 'internal-request/other',
  accountEscalation: 'account-escalation',
  emergencyTicket: 'emergency-ticket',
  sharedOrgTickets: 'shared-org-tickets',
  subscriptionApplyTrouble: 'subscription-apply-trouble',
  priorityProspect: 'priority-prospect',
  billableMembers: 'billable-members',
  groupMembersReport: 'group-members-report',
} as const;

/** The Internal Request routes: internal-request/<option id>, one per option of the form. */
export const INTERNAL_REQUEST_PREFIX = 'internal-request/';
/** The customer-* routes (customer-needs-support, customer-info-request). */
export const CUSTOMER_ROUTE_PREFIX = 'customer-';

/** The route of an Internal Request option: internal-request/<option id>. */
export const internalRequestRoute = (optionId: string): string => `${INTERNAL_REQUEST_PREFIX}${optionId}`;
