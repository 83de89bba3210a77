// The STAR channel notice: the handbook's bot "posts to #support_ticket-attention-requests with an
// @mention of the current on-call Support Manager's name". The manager comes from the `manager`
// rotation; a provider without Slack ids (PagerDuty) is matched to a Slack user by email, and a
// person Slack does not know is named as the provider names them.
import type { OncallPerson } from '../oncall/types';
import { escapeMrkdwn, mentionUser } from '../slack/escape';
import type { Submission } from '../store/types';
import { starNotice } from '../views/forms/messages';
import { optionLabelOf } from './answers';
import { FIELDS } from './fields';
import type { FollowUpDeps } from './kind';
import { readPayload } from './payload';

/** A mention when the Slack id is known or found by email; else the name as the provider gives it. */
async function mentionOf(deps: FollowUpDeps, person: OncallPerson): Promise<string> {
  const found =
    person.slackUserId ??
    (person.email ? await deps.slackIdForEmail?.(person.email).catch(() => undefined) : undefined);
  return (found && mentionUser(found)) || escapeMrkdwn(person.name);
}

/** Posts the notice; answers where it went (its ts is the thread status updates go to). */
export async function postStarNotice(
  deps: FollowUpDeps,
  s: Submission,
): Promise<{ channel: string; ts?: string }> {
  const { values } = readPayload(s.payload);
  const oncall = deps.oncall ? await deps.oncall.lookup('manager') : undefined;
  const manager = oncall?.ok ? oncall.answer.people[0] : undefined;
  const mention = manager ? await mentionOf(deps, manager) : undefined;
  const notice = starNotice({
    requesterId: s.userId,
    ticketUrl: values.ticket_link ?? '',
    urgency: optionLabelOf(FIELDS.urgency, values.urgency),
    reason: optionLabelOf(FIELDS.reason, values.reason),
    ...(s.result?.url ? { issueUrl: s.result.url } : {}),
    ...(s.result?.ref ? { issueRef: s.result.ref } : {}),
    ...(mention ? { managerMention: mention } : {}),
  });
  const posted = (await deps.client.chat.postMessage({
    channel: deps.settings.star.channel,
    text: notice.text,
    blocks: notice.blocks,
    unfurl_links: false,
  })) as { channel?: unknown; ts?: unknown } | undefined;
  const channel = typeof posted?.channel === 'string' ? posted.channel : deps.settings.star.channel;
  return { channel, ...(typeof posted?.ts === 'string' ? { ts: posted.ts } : {}) };
}
