// Reads a GitLab issue for its status: state, assignees, labels, who closed it and when, through the
// bot's gitbeaker client (one request per call, the token only to GITLAB_URL). The answer is checked
// with zod: only the fields a notice relies on, anything else the API adds is ignored.
//   GET /projects/:id/issues/:issue_iid  https://docs.gitlab.com/api/issues/#single-project-issue
import { z } from 'zod';
import type { GitlabClient } from '../filing/gitlab-client';
import type { RemoteState, TrackedRef } from './types';

const user = z.object({ id: z.number().optional(), username: z.string(), name: z.string().optional() });

export const gitlabIssue = z.object({
  iid: z.number(),
  state: z.enum(['opened', 'closed']),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
  closed_by: user.nullish(),
  assignees: z.array(user).default([]),
  labels: z.array(z.string()).default([]),
});

const nameOf = (u: z.infer<typeof user>) => u.name || u.username;

export function gitlabState(issue: z.infer<typeof gitlabIssue>): RemoteState {
  return {
    service: 'gitlab',
    state: issue.state,
    updatedAt: issue.updated_at,
    assignees: issue.assignees.map((a) => ({ ...(a.id !== undefined ? { id: a.id } : {}), name: nameOf(a) })),
    labels: issue.labels,
    ...(issue.closed_by ? { closedBy: nameOf(issue.closed_by) } : {}),
    ...(issue.closed_at ? { closedAt: issue.closed_at } : {}),
  };
}

export type IssuesApi = Pick<GitlabClient['Issues'], 'show'>;

export async function readGitlabIssue(
  issues: IssuesApi,
  ref: Extract<TrackedRef, { service: 'gitlab' }>,
): Promise<RemoteState> {
  const body: unknown = await issues.show(ref.iid, { projectId: ref.project });
  return gitlabState(gitlabIssue.parse(body));
}
