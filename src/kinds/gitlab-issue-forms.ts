// The GitLab-issue forms: which fields each asks for, how the issue title reads, and the built-in
// body used when the project's issue template cannot be fetched (the real templates live on
// gitlab.com and are fetched at filing time).
import { ROUTE } from '../routes';
import type { FieldId } from './fields';

export interface IssueFormSpec {
  modalTitle: string;
  fields: FieldId[];
  /** The issue title from the values (already validated). */
  issueTitle: (values: Record<string, string>) => string;
  fallbackTemplate: string;
}

const checklist = (...items: string[]) => items.map((i) => `- [ ] ${i}`).join('\n');

export const ISSUE_FORMS: Record<string, IssueFormSpec> = {
  [ROUTE.supportMeta]: {
    modalTitle: 'Support Team Meta issue',
    fields: ['title', 'description'],
    issueTitle: (v) => v.title ?? 'Support Team Meta',
    fallbackTemplate: '',
  },
  [ROUTE.supportFeedback]: {
    modalTitle: 'Feedback about Support',
    fields: ['customer', 'related_ticket', 'description'],
    issueTitle: (v) => `Indirect feedback: ${v.customer}`,
    fallbackTemplate: `## Indirect Feedback\n\n${checklist('Assign the issue to the manager of the ticket assignee', 'Follow up with the customer or prospect')}`,
  },
  [ROUTE.contactIncident]: {
    modalTitle: 'Contact user (incident)',
    fields: ['incident', 'gitlab_user', 'description'],
    issueTitle: (v) => `Contact user during incident: ${v.gitlab_user}`,
    fallbackTemplate: `## Confidential incident data\n\n${checklist('CMOC: contact the user(s) during the shift', 'Link the Zendesk ticket(s) created')}`,
  },
  [ROUTE.contactSingleUser]: {
    modalTitle: 'Contact a user',
    fields: ['gitlab_user', 'title', 'description'],
    issueTitle: (v) => `Contact request: ${v.gitlab_user}: ${v.title}`,
    fallbackTemplate: `## Contact Request\n\n${checklist('Verify the request', 'Create the Zendesk ticket to the user (no RED data)', 'Link the ticket here and close')}`,
  },
  [ROUTE.supportReadiness]: {
    modalTitle: 'Support Readiness',
    fields: ['title', 'change_date', 'description'],
    issueTitle: (v) => `Support Readiness: ${v.title}`,
    fallbackTemplate: `## Support Readiness\n\n${checklist('Describe the change and who it affects', 'Add an FAQ for Support', 'Mass email to 3+ users: Director approval')}`,
  },
  [ROUTE.namespaceSquatting]: {
    modalTitle: 'Namespace request',
    fields: ['namespace', 'description'],
    issueTitle: (v) => `Name squatting request: ${v.namespace}`,
    fallbackTemplate: `## Name Squatting Request\n\n${checklist('Check the namespace is inactive per the policy')}`,
  },
  [ROUTE.orgNotes]: {
    modalTitle: 'Organization notes',
    fields: ['organization', 'valid_until', 'description'],
    issueTitle: (v) => `Notes for ${v.organization}`,
    fallbackTemplate: '',
  },
};
