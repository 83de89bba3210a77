// STAR (Support Ticket Attention Request): a confidential issue in the STAR project, taken only in
// Global Support Hours, followed by the notice in the STAR channel naming the Support Manager on call.
import { FIELDS } from './fields';
import { optionLabelOf } from './answers';
import { pickFields } from './definition';
import { gitlabIssue, inertValues } from './gitlab-plan';
import type { FormKind } from './kind';
import { postStarNotice } from './star-notice';

export const star: FormKind = {
  define: (rule) => ({
    routeId: rule.id,
    kind: 'star',
    title: 'Ticket attention (STAR)',
    submitLabel: 'Submit STAR',
    fields: pickFields(['ticket_link', 'urgency', 'plan', 'group', 'reason', 'details', 'desired_result']),
    notes: rule.form.notes ?? [],
  }),
  textField: 'details',
  defaults: {},
  onlyInSupportHours: true,
  crossCheck: (_def, values): Record<string, string> =>
    values.plan?.startsWith('saas-') && !values.group
      ? { group: 'GitLab.com tickets need the group URL or name.' }
      : {},
  fileUnder: (_def, rule) => rule.id,
  target: 'gitlab-issue',
  plan: (input) => {
    const { rule, values, deps } = input;
    const { body, title } = inertValues(values);
    const urgency = optionLabelOf(FIELDS.urgency, body.urgency);
    return gitlabIssue(input, {
      title: `STAR: ${urgency.split(' (')[0]}: ${title.ticket_link}`,
      project: rule.form.project ?? deps.settings.star.project,
      labels: rule.form.labels ?? deps.settings.star.labels,
      // STARs carry customer details.
      confidential: rule.form.confidential ?? true,
    });
  },
  afterFiled: [{ step: 'star-notice', run: (submission, deps) => postStarNotice(deps, submission) }],
};
