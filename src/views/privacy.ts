// Public replies (a mention in a channel) never repeat customer details. When a request looks
// customer-specific, the reply says what the handbook says: Support cannot act on customer requests
// made in Slack; use a ticket or the form. Heuristic by design: a false positive only adds a reminder.
import { ACTION_OPEN_FORM } from '../ids';
import { CUSTOMER_ROUTE_PREFIX, INTERNAL_REQUEST_PREFIX, ROUTE } from '../routes';
import type { Rule } from '../routing/schema';
import { confidenceBand } from '../routing/bands';
import type { Classification, RuleSet } from '../routing/types';
import { escapeMrkdwn } from '../slack/escape';
import { button, context, mrkdwnSection, type Message } from './blocks';
import { unsureChoices } from './unsure';

const CUSTOMER_TEXT: RegExp[] = [
  /\b(customer|client|prospect|account owner|their (instance|group|namespace|subscription|license|ticket))s?\b/i,
  // An email address; the look-behind starts a match only where a run of name characters begins,
  // so 40,000 letters with no "@" cost one pass instead of one per letter.
  /(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+/,
  /\b(zendesk|ticket)\s*#?\d{3,}/i, // a ticket number
  /zendesk\.com\/agent\/tickets\/\d+/i,
  /\b(sfdc|salesforce)\b/i,
  /\b(opportunity|opp)\s*(id|#)/i,
];

/** Route id prefixes that are about one customer whatever the wording. */
const CUSTOMER_ROUTES = [
  CUSTOMER_ROUTE_PREFIX,
  INTERNAL_REQUEST_PREFIX,
  ROUTE.ticketOnBehalf,
  ROUTE.star,
  ROUTE.accountEscalation,
  ROUTE.emergencyTicket,
  ROUTE.orgNotes,
  ROUTE.sharedOrgTickets,
  ROUTE.subscriptionApplyTrouble,
  ROUTE.priorityProspect,
  ROUTE.billableMembers,
  ROUTE.groupMembersReport,
];

export function looksCustomerSpecific(text: string, route: string): boolean {
  return CUSTOMER_TEXT.some((re) => re.test(text)) || CUSTOMER_ROUTES.some((p) => route.startsWith(p));
}

/**
 * The public reminder, without echoing the text. When the classifier is sure, it offers the rule's
 * form; below the high band it asks the clarifying question (or offers the likely routes) instead,
 * since a form must never be presented as the answer then.
 */
export function buildCustomerReminder(rules: RuleSet, classification: Classification): Message {
  const route = classification.route;
  const rule: Rule | undefined = rules.byId.get(route);
  const sure = confidenceBand(classification) === 'high';
  const choices = sure ? [] : unsureChoices(rules, classification, {});
  const where = choices.length
    ? 'Which of these is it?'
    : rule?.action === 'form'
      ? `For this one, use the form: *${escapeMrkdwn(rule.title)}*.`
      : 'Ask the customer to open a ticket in the Support Portal, or file an internal request.';
  const blocks: Message['blocks'] = [
    mrkdwnSection(
      ':lock: Support cannot act on customer-specific requests made in Slack. ' +
        `They need a support ticket (from the customer) or an internal request (from you). ${where}`,
    ),
  ];
  if (choices.length) blocks.push(...choices);
  else if (rule?.action === 'form' && sure)
    blocks.push({
      type: 'actions',
      elements: [button('Open the form', ACTION_OPEN_FORM, { value: rule.id, style: 'primary' })],
    });
  blocks.push(
    context(
      'Please keep customer details out of public channels. `/support <your request>` answers privately.',
    ),
  );
  return {
    text: 'Support cannot act on customer-specific requests made in Slack: use a ticket or the form.',
    blocks,
  };
}
