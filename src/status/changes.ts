// Change detection: the state the API gives now against what the requester was last told. Pure, so
// a retried or repeated webhook, or a poll that finds nothing new, yields no change at all.
import type { Change, RemoteState } from './types';

type ZendeskState = Extract<RemoteState, { service: 'zendesk' }>;
type GitlabState = Extract<RemoteState, { service: 'gitlab' }>;

/** New and open mean the same to a requester: Support has it. Solved and closed both mean done. */
const ZENDESK_PHASE: Record<ZendeskState['status'], 'open' | 'pending' | 'hold' | 'done'> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'hold',
  solved: 'done',
  closed: 'done',
};

/** What the requester is taken to know at filing: a new ticket that nobody has answered. */
const FILED_TICKET = { status: 'new' } as const;

function zendeskChanges(before: ZendeskState | undefined, now: ZendeskState): Change[] {
  const changes: Change[] = [];
  const was = ZENDESK_PHASE[(before ?? FILED_TICKET).status];
  const is = ZENDESK_PHASE[now.status];
  // The ticket does not say who changed its status (its audits would): the notice says when only.
  if (was === 'done' && is !== 'done') changes.push({ kind: 'reopened', at: now.updatedAt });
  // Back to open from pending or on-hold is the requester's own reply, or Support's work resuming:
  // nothing they need to hear. Solved then closed (Zendesk's automation, days later) is not news either.
  else if (was !== is && is !== 'open')
    changes.push({ kind: 'status', to: now.status, from: before?.status ?? 'new', at: now.updatedAt });
  if (now.lastReply && now.lastReply.id !== before?.lastReply?.id)
    changes.push({ kind: 'reply', at: now.lastReply.at, who: now.lastReply.author });
  if (now.assignee && String(now.assignee.id) !== String(before?.assignee?.id ?? ''))
    changes.push({ kind: 'assigned', at: now.updatedAt, who: now.assignee.name });
  return changes;
}

function gitlabChanges(before: GitlabState | undefined, now: GitlabState): Change[] {
  // The first look is the baseline for assignees: the bot itself assigned the on-call manager or CMOC.
  if (!before) return now.state === 'closed' ? [closed(now)] : [];
  const changes: Change[] = [];
  if (before.state !== now.state)
    changes.push(now.state === 'closed' ? closed(now) : { kind: 'reopened', at: now.updatedAt });
  const known = new Set(before.assignees.map((a) => String(a.id ?? a.name)));
  for (const a of now.assignees)
    if (!known.has(String(a.id ?? a.name)))
      changes.push({ kind: 'assigned', at: now.updatedAt, who: a.name });
  return changes;
}

function closed(now: GitlabState): Change {
  return {
    kind: 'status',
    to: 'closed',
    at: now.closedAt ?? now.updatedAt,
    ...(now.closedBy ? { who: now.closedBy } : {}),
  };
}

/** The changes worth a notice; empty when nothing the requester should hear about happened. */
export function detectChanges(before: RemoteState | undefined, now: RemoteState): Change[] {
  if (now.service === 'zendesk')
    return zendeskChanges(before?.service === 'zendesk' ? before : undefined, now);
  return gitlabChanges(before?.service === 'gitlab' ? before : undefined, now);
}

/** The short status My requests and /support status show. */
export function statusLabel(state: RemoteState): string {
  if (state.service === 'gitlab') return state.state === 'closed' ? 'closed' : 'open';
  const labels: Record<ZendeskState['status'], string> = {
    new: 'open',
    open: 'open',
    pending: 'waiting for your reply',
    hold: 'on hold',
    solved: 'solved',
    closed: 'closed',
  };
  return labels[state.status];
}

/** Solved or closed: the poller stops looking (a webhook still brings a reopened request back). */
export function isSettled(state: RemoteState): boolean {
  return state.service === 'zendesk' ? ZENDESK_PHASE[state.status] === 'done' : state.state === 'closed';
}
