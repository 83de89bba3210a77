// On-call answers. People appear as Slack mentions when their id is known; when the provider
// fails, the answer is the manual way from the handbook, never an error.
import { escapeMrkdwn, mentionUser } from '../slack/escape';
import type { OncallAnswer, OncallPerson, OncallResult, Rotation } from '../oncall/types';
import { context, mrkdwnSection, slackDate, type Block } from './blocks';

export const ROTATION_LABEL: Record<Rotation, string> = {
  support: 'Self-Managed Support',
  cmoc: 'GitLab.com CMOC',
  manager: 'Support Manager',
};

/** The handbook's manual way: a ChatOps command that shows the rotation without paging anyone. */
export const MANUAL_WAY: Record<Rotation, string> = {
  support: 'Run `/chatops run oncall support` in #support_self-managed (or in a DM to GitLab Chatops).',
  cmoc: 'Run `/chatops run oncall cmoc` in #support_gitlab-com (or in a DM to GitLab Chatops).',
  manager:
    'Look up the Support Manager on-call rotation in PagerDuty, or ask in #support_leadership; for a STAR, the manager on call watches #support_ticket-attention-requests.',
};

export function formatPerson(p: OncallPerson): string {
  const who = (p.slackUserId && mentionUser(p.slackUserId)) || escapeMrkdwn(p.name);
  const labels = [p.role, p.via].filter(Boolean).map((l) => escapeMrkdwn(l!));
  const role = labels.length ? ` (${labels.join(', ')})` : '';
  const until = p.until ? ` until ${slackDate(p.until, p.until.toISOString())}` : '';
  return `${who}${role}${until}`;
}

export function oncallLine(answer: OncallAnswer): string {
  const label = ROTATION_LABEL[answer.rotation];
  // An empty schedule is as unhelpful as a failed lookup: give the handbook's manual way.
  if (answer.people.length === 0)
    return `*${label}:* the schedule lists nobody right now. ${MANUAL_WAY[answer.rotation]} It does not page anyone.`;
  return `*${label}:* ${answer.people.map(formatPerson).join(', ')}`;
}

export function oncallSource(answer: OncallAnswer): string {
  return `Source: ${escapeMrkdwn(answer.source)}, as of ${slackDate(answer.fetchedAt, answer.fetchedAt.toISOString())}. Looking this up never pages anyone.`;
}

export function buildOncallBlocks(rotation: Rotation, result: OncallResult): Block[] {
  if (!result.ok)
    return [
      mrkdwnSection(
        `*${ROTATION_LABEL[rotation]}:* I couldn't look this up just now.\n${MANUAL_WAY[rotation]} It does not page anyone.`,
      ),
    ];
  return [mrkdwnSection(oncallLine(result.answer)), context(oncallSource(result.answer))];
}

/** For someone who is not a full member: the rotation, never the names. */
export function buildOncallMembersOnly(rotation: Rotation): Block[] {
  return [
    mrkdwnSection(
      `*${ROTATION_LABEL[rotation]}:* who is on call is shown to members of this workspace only. ` +
        'Please reach Support through the channels above, or ask your GitLab contact.',
    ),
  ];
}

export function buildOncallPending(rotation: Rotation): Block[] {
  return [mrkdwnSection(`*${ROTATION_LABEL[rotation]}:* looking up who is on call…`)];
}

export function oncallText(rotation: Rotation, result: OncallResult): string {
  if (!result.ok) return `On call for ${ROTATION_LABEL[rotation]}: ${MANUAL_WAY[rotation]}`;
  return `On call for ${ROTATION_LABEL[rotation]}: ${result.answer.people.map((p) => p.name).join(', ') || MANUAL_WAY[rotation]}`;
}
