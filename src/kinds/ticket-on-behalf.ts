// A Zendesk ticket opened on a customer's behalf (sensitive cases only): the customer is the
// requester and reads the comment, so it carries no Slack ids or links, only who opened it.
import type { ZendeskTicket } from '../filing/types';
import { answers } from './answers';
import { pickFields } from './definition';
import type { FormKind } from './kind';
import { nameFromEmail } from './zendesk-requester';

export const ticketOnBehalf: FormKind = {
  define: (rule) => ({
    routeId: rule.id,
    kind: 'ticket-on-behalf',
    title: 'Ticket for a customer',
    submitLabel: 'Open ticket',
    fields: pickFields(['customer_email', 'customer_name', 'subject', 'description', 'cc_me']),
    notes: rule.form.notes ?? [],
  }),
  textField: 'description',
  defaults: { cc_me: 'yes' },
  onlyInSupportHours: false,
  crossCheck: () => ({}),
  fileUnder: (_def, rule) => rule.id,
  target: 'zendesk-ticket',
  plan: async ({ rule, definition, values: v, who, deps }) => {
    const tob = deps.settings.ticketOnBehalf;
    const customerEmail = v.customer_email ?? '';
    const ccMe = v.cc_me === 'yes' && who.email;
    const ticket: ZendeskTicket = {
      subject: (v.subject ?? rule.title).slice(0, 250),
      comment: {
        body: answers(definition, v, [`Opened on your behalf by ${who.name ?? 'a GitLab team member'}.`]),
      },
      requester: { email: customerEmail, name: v.customer_name || nameFromEmail(customerEmail) },
      ...(ccMe ? { email_ccs: [{ user_email: who.email!, action: 'put' as const }] } : {}),
      ...(tob.ticketFormId ? { ticket_form_id: tob.ticketFormId } : {}),
      tags: tob.tags,
    };
    return { target: 'zendesk-ticket', ticket };
  },
  afterFiled: [],
};
