// Stand-ins for what status updates read and receive, keeping what the vendors document:
// - Zendesk signs webhooks with base64(HMAC-SHA256(secret, timestamp + body)), the time (ISO 8601) in
//   X-Zendesk-Webhook-Signature-Timestamp, and sends X-Zendesk-Webhook-Invocation-Id (the same on a
//   retry):  https://developer.zendesk.com/documentation/webhooks/verifying/
//            https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/
// - Zendesk's ticket (`{ticket: {...}}`), its comments (`{comments: [...], next_page}`, oldest first,
//   the first being the description; `public: false` is an internal note) and users show_many
//   (`{users: [...]}` with `role` end-user | agent | admin):
//   https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
//   https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
//   https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
// - GitLab sends the secret token in X-Gitlab-Token, the event in X-Gitlab-Event, a delivery id in
//   X-Gitlab-Event-UUID; issue events carry `object_attributes.iid`, comments `issue.iid`:
//   https://docs.gitlab.com/user/project/integrations/webhooks/
//   https://docs.gitlab.com/user/project/integrations/webhook_events/
// - GitLab's single project issue (state opened | closed, assignees, labels, closed_by, closed_at):
//   https://docs.gitlab.com/api/issues/#single-project-issue
import crypto from 'node:crypto';
import nock from 'nock';
import type { FilingStore } from '../../src/store/types';

export const ZENDESK_URL = 'https://acme.zendesk.example';
export const GITLAB_URL = 'https://gitlab.example';
export const ZENDESK_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
export const GITLAB_SECRET = 'gitlab-webhook-secret-token';
export const BOT_EMAIL = 'bot@acme.example';
export const REQUESTER = 'U0SELLER';

export const STATUS_CONFIG = {
  ZENDESK_URL,
  ZENDESK_EMAIL: BOT_EMAIL,
  ZENDESK_API_TOKEN: 'ztok-secret',
  GITLAB_URL,
  GITLAB_TOKEN: 'glpat-status-test',
  ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET,
  GITLAB_WEBHOOK_SECRET: GITLAB_SECRET,
};

export function zendeskHeaders(body: string, opts: { at?: Date; secret?: string; invocation?: string } = {}) {
  const timestamp = (opts.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = crypto
    .createHmac('sha256', opts.secret ?? ZENDESK_SECRET)
    .update(timestamp + body)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-signature': signature,
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-invocation-id': opts.invocation ?? crypto.randomUUID(),
    'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
    'x-zendesk-account-id': '123456',
  };
}

export function gitlabHeaders(event = 'Issue Hook', opts: { token?: string; uuid?: string } = {}) {
  return {
    'content-type': 'application/json',
    'x-gitlab-token': opts.token ?? GITLAB_SECRET,
    'x-gitlab-event': event,
    'x-gitlab-event-uuid': opts.uuid ?? crypto.randomUUID(),
  };
}

export const issueEvent = (project: string, iid: number, action: string) =>
  JSON.stringify({
    object_kind: 'issue',
    event_type: 'issue',
    user: { id: 1, name: 'Mina Manager', username: 'mina' },
    project: { id: 7, path_with_namespace: project },
    object_attributes: {
      id: 301,
      iid,
      state: action === 'close' ? 'closed' : 'opened',
      action,
      description: 'not read',
    },
  });

export interface TicketState {
  status: string;
  updated_at: string;
  assignee_id?: number | null;
  comments: { id: number; author_id: number; public: boolean; created_at: string; body: string }[];
}

export const PEOPLE = [
  { id: 900, name: 'Sam Seller', role: 'end-user', email: 'seller@gitlab.example' },
  { id: 901, name: 'Jane Agent', role: 'agent', email: 'jane@acme.example' },
  { id: 902, name: 'Support Router', role: 'agent', email: BOT_EMAIL },
];

/** A filed ticket as Zendesk keeps it: the description first (by the bot, for the requester). */
export function newTicket(): TicketState {
  return {
    status: 'new',
    updated_at: '2026-12-01T10:00:00Z',
    assignee_id: null,
    comments: [
      { id: 1, author_id: 902, public: false, created_at: '2026-12-01T10:00:00Z', body: 'the request' },
    ],
  };
}

const AUTH = `Basic ${Buffer.from(`${BOT_EMAIL}/token:ztok-secret`).toString('base64')}`;

/** Serves one ticket for the rest of the test, from `state` as it is at each call; counts the calls. */
export function zendeskTicketStandin(id: number, state: () => TicketState) {
  const calls = { ticket: 0, comments: 0, users: 0 };
  const scope = nock(ZENDESK_URL, { reqheaders: { authorization: AUTH } }).persist();
  scope.get(`/api/v2/tickets/${id}.json`).reply(() => {
    calls.ticket += 1;
    const t = state();
    return [
      200,
      {
        ticket: {
          id,
          url: `${ZENDESK_URL}/api/v2/tickets/${id}.json`,
          subject: 'not read',
          description: 'not read',
          status: t.status,
          requester_id: 900,
          submitter_id: 902,
          assignee_id: t.assignee_id ?? null,
          created_at: '2026-12-01T10:00:00Z',
          updated_at: t.updated_at,
        },
      },
    ];
  });
  scope.get(`/api/v2/tickets/${id}/comments.json`).reply(() => {
    calls.comments += 1;
    return [
      200,
      { comments: state().comments, next_page: null, previous_page: null, count: state().comments.length },
    ];
  });
  scope
    .get('/api/v2/users/show_many.json')
    .query(true)
    .reply((uri) => {
      calls.users += 1;
      const ids = new URL(uri, ZENDESK_URL).searchParams.get('ids')!.split(',').map(Number);
      return [200, { users: PEOPLE.filter((p) => ids.includes(p.id)) }];
    });
  return calls;
}

export interface IssueState {
  state: 'opened' | 'closed';
  updated_at: string;
  assignees: { id: number; username: string; name: string }[];
  closed_by?: { id: number; username: string; name: string } | null;
  closed_at?: string | null;
}

export function gitlabIssueStandin(project: string, iid: number, state: () => IssueState) {
  const calls = { issue: 0 };
  nock(GITLAB_URL, { reqheaders: { 'private-token': 'glpat-status-test' } })
    .persist()
    .get(`/api/v4/projects/${encodeURIComponent(project)}/issues/${iid}`)
    .reply(() => {
      calls.issue += 1;
      const s = state();
      return [
        200,
        {
          id: 5000 + iid,
          iid,
          project_id: 7,
          title: 'not read',
          description: 'not read',
          labels: ['STAR'],
          web_url: `${GITLAB_URL}/${project}/-/issues/${iid}`,
          closed_by: null,
          closed_at: null,
          ...s,
        },
        { 'content-type': 'application/json' },
      ];
    });
  return calls;
}

/** A request filed and its requester told, as the outbox leaves it. */
export async function filedRequest(
  store: FilingStore,
  opts: {
    id: string;
    routeId: string;
    url: string;
    ref: string;
    target: 'zendesk-ticket' | 'gitlab-issue';
    reply?: object;
  },
): Promise<void> {
  await store.enqueue(
    {
      id: opts.id,
      teamId: 'T1',
      userId: REQUESTER,
      routeId: opts.routeId,
      payload: {},
      ...(opts.reply ? { reply: opts.reply } : {}),
    },
    Date.now(),
  );
  const row = await store.claim('filer', Date.now(), 60_000);
  await store.finish(
    row!.id,
    'filer',
    { status: 'filed', result: { target: opts.target, url: opts.url, ref: opts.ref } },
    Date.now(),
  );
  await store.markNotified(row!.id, 'filer', Date.now());
}

export const STAR_PROJECT = 'gitlab-com/support/ticket-attention-requests';

/** Request T1:V1: a Zendesk ticket, 412233. */
export const fileTicketRequest = (store: FilingStore) =>
  filedRequest(store, {
    id: 'T1:V1',
    routeId: 'support-feedback',
    target: 'zendesk-ticket',
    url: `${ZENDESK_URL}/agent/tickets/412233`,
    ref: 'ticket 412233',
  });

/** Request T1:V2: a STAR, issue #77 of the STAR project. */
export const fileStarRequest = (store: FilingStore) =>
  filedRequest(store, {
    id: 'T1:V2',
    routeId: 'star',
    target: 'gitlab-issue',
    url: `${GITLAB_URL}/${STAR_PROJECT}/-/issues/77`,
    ref: '#77',
  });
