// What STARs and the GitLab-issue forms share when they become an issue: typed text made inert for
// GitLab (gitlab-text.ts: no quick action, mention, reference, link or image works from it), the
// answers as the description, and the on-call person as the assignee when the rule asks for one.
import { FilingError } from '../filing/errors';
import type { GitlabIssueRequest } from '../filing/types';
import type { Rotation } from '../oncall/types';
import { answers } from './answers';
import { inertMarkdown, neutraliseMentions } from './gitlab-text';
import type { PlanDeps, PlanInput } from './kind';

const inert = (values: Record<string, string>, how: (t: string) => string) =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, how(value)]));

/** The answers as the description may carry them, and as a title may (mentions neutralised only). */
export function inertValues(values: Record<string, string>): {
  body: Record<string, string>;
  title: Record<string, string>;
} {
  return { body: inert(values, inertMarkdown), title: inert(values, neutraliseMentions) };
}

async function assignee(
  deps: PlanDeps,
  who: 'cmoc' | 'support-manager' | undefined,
): Promise<string | undefined> {
  if (!who || !deps.oncall) return undefined;
  // The Support Manager on call is a rotation of its own, never a role guessed inside another.
  const rotation: Rotation = who === 'cmoc' ? 'cmoc' : 'manager';
  const result = await deps.oncall.lookup(rotation);
  if (!result.ok) return undefined;
  const person = result.answer.people[0];
  if (!person) return undefined;
  return (
    (person.slackUserId && deps.settings.gitlabUsers[person.slackUserId]) ||
    deps.settings.gitlabUsers[person.name]
  );
}

export interface IssueShape {
  title: string;
  project: string | undefined;
  labels: string[];
  confidential: boolean;
  fallbackTemplate?: string;
}

export async function gitlabIssue(input: PlanInput, shape: IssueShape): Promise<GitlabIssueRequest> {
  const { rule, definition, values, footer, deps } = input;
  if (!shape.project)
    throw new FilingError('permanent', 'The bot does not know which GitLab project to file this in.');
  const assigneeUsername = await assignee(deps, rule.form.assignee);
  return {
    target: 'gitlab-issue',
    project: shape.project,
    title: shape.title,
    description: answers(definition, inertValues(values).body, footer.map(inertMarkdown)),
    ...(rule.form.template ? { template: rule.form.template } : {}),
    ...(shape.fallbackTemplate ? { fallbackTemplate: shape.fallbackTemplate } : {}),
    labels: shape.labels,
    confidential: shape.confidential,
    ...(assigneeUsername ? { assigneeUsername } : {}),
  };
}
