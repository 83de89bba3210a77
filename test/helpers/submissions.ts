import type { FilingRequest } from '../../src/filing/types';
import type { Submission } from '../../src/store/types';

/** A prepared GitLab issue request, for worker tests that do not go through a form. */
export const ISSUE_REQUEST: FilingRequest = {
  target: 'gitlab-issue',
  project: 'grp/proj',
  title: 'T',
  description: 'D',
  labels: [],
  confidential: true,
};

/** A stored submission row with sensible defaults. */
export const submissionRow = (over: Partial<Submission> = {}): Submission => ({
  id: 'T1:V1',
  teamId: 'T1',
  userId: 'U1',
  routeId: 'star',
  payload: {},
  status: 'pending',
  attempts: 1,
  budgetUsed: 1,
  nextAttemptAt: 0,
  notified: false,
  stepsDone: [],
  notifyAttempts: 0,
  createdAt: 1_700_000_000_000,
  updatedAt: 0,
  ...over,
});

/** A STAR filed as issue #3, ready for its channel notice. */
export const filedStar = (): Submission =>
  submissionRow({
    status: 'filed',
    routeId: 'star',
    payload: {
      values: {
        ticket_link: 'https://gitlab.zendesk.com/agent/tickets/5',
        urgency: 'urgent',
        reason: 'stalled',
      },
    },
    result: { target: 'gitlab-issue', url: 'https://gitlab.com/star/-/issues/3', ref: '#3' },
  });
