// The GitLab-issue forms (contact requests, feedback, readiness, meta, namespaces, org notes): an
// issue in the rule's project, from its template, with fields per route (gitlab-issue-forms.ts).
import { pickFields } from './definition';
import { ISSUE_FORMS } from './gitlab-issue-forms';
import { gitlabIssue, inertValues } from './gitlab-plan';
import type { FormKind } from './kind';

export const gitlabIssueKind: FormKind = {
  define: (rule) => {
    const spec = ISSUE_FORMS[rule.id];
    return {
      routeId: rule.id,
      kind: 'gitlab-issue',
      title: spec?.modalTitle ?? 'Open an issue',
      submitLabel: 'Open issue',
      fields: pickFields(spec?.fields ?? ['title', 'description']),
      notes: rule.form.notes ?? [],
    };
  },
  textField: 'description',
  defaults: {},
  onlyInSupportHours: false,
  crossCheck: () => ({}),
  fileUnder: (_def, rule) => rule.id,
  target: 'gitlab-issue',
  plan: (input) => {
    const { rule } = input;
    const spec = ISSUE_FORMS[rule.id];
    const forTitle = inertValues(input.values).title;
    return gitlabIssue(input, {
      title: (spec?.issueTitle(forTitle) ?? forTitle.title ?? rule.title).slice(0, 255),
      project: rule.form.project,
      labels: rule.form.labels ?? [],
      // Issue forms follow the rule: public projects stay public.
      confidential: rule.form.confidential ?? false,
      ...(spec?.fallbackTemplate ? { fallbackTemplate: spec.fallbackTemplate } : {}),
    });
  },
  afterFiled: [],
};
