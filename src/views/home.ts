// App Home: who is on call now (Support, CMOC, Support Manager), buttons for the most used forms, and the user's
// requests (filled by the filing module; "nothing yet" without it).
import type { types } from '@slack/bolt';
import type { PeriodFigures } from '../analytics/types';
import type { MyRequest } from '../deps';
import { ACTION_HOME_ASK, ACTION_ONCALL_REFRESH, ACTION_OPEN_FORM } from '../ids';
import { ROUTE } from '../routes';
import type { Rule } from '../routing/schema';
import type { RuleSet } from '../routing/types';
import { ROTATIONS, type OncallResult, type Rotation } from '../oncall/types';
import { escapeMrkdwn, mrkdwnLink } from '../slack/escape';
import { capBlocks, clip, LIMITS } from '../slack/limits';
import { button, context, mrkdwnSection, type Block } from './blocks';
import { NOT_A_MEMBER } from '../slack/membership';
import { buildOncallBlocks, buildOncallMembersOnly, buildOncallPending } from './oncall';
import { buildWeeklySummary } from './weekly-summary';

/** The forms App Home offers first, when the rules have them. */
export const HOME_FORMS = [
  ROUTE.star,
  ROUTE.internalRequestOther,
  ROUTE.contactSingleUser,
  ROUTE.supportFeedback,
  ROUTE.supportReadiness,
  ROUTE.ticketOnBehalf,
];

export interface HomeInput {
  rules: RuleSet;
  oncall: Record<Rotation, OncallResult | undefined>;
  /** undefined: the filing module is not wired in yet. */
  myRequests?: MyRequest[];
  /** The last 7 days of routing, for admins (ADMIN_USER_IDS) only. */
  weekly?: PeriodFigures;
  /** false for a guest or someone of another organisation: no on-call names, no forms. */
  member?: boolean;
}

export function homeForms(rules: RuleSet): Rule[] {
  return HOME_FORMS.map((id) => rules.byId.get(id)).filter((r): r is Rule => r?.action === 'form');
}

function requestLine(r: MyRequest): string {
  const title = clip(r.title, 150);
  const shown = r.url ? mrkdwnLink(r.url, title) : escapeMrkdwn(title);
  return `• ${shown} (${escapeMrkdwn(r.status)})`;
}

/** The Home of someone who may read the handbook's answers but not file or see who is on call. */
function guestHome(): types.HomeView {
  return {
    type: 'home',
    blocks: [
      ...(['support', 'cmoc'] as const).flatMap(buildOncallMembersOnly),
      mrkdwnSection(escapeMrkdwn(NOT_A_MEMBER)),
      context('Questions about where a request goes: type `/support <what you need>`.'),
    ],
  };
}

export function buildHome(input: HomeInput): types.HomeView {
  if (input.member === false) return guestHome();
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Who is on call now' } }];
  for (const rotation of ROTATIONS) {
    const result = input.oncall[rotation];
    blocks.push(...(result ? buildOncallBlocks(rotation, result) : buildOncallPending(rotation)));
  }
  blocks.push({ type: 'actions', elements: [button('Refresh', ACTION_ONCALL_REFRESH)] });
  blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Forms' } });
  const forms = homeForms(input.rules);
  if (forms.length)
    blocks.push({
      type: 'actions',
      elements: forms
        .slice(0, LIMITS.actionsElements)
        .map((r) => button(r.title, ACTION_OPEN_FORM, { value: r.id })),
    });
  blocks.push(
    mrkdwnSection('Not sure which one? Describe what you need and the bot finds the route.'),
    { type: 'actions', elements: [button('Ask Support', ACTION_HOME_ASK, { style: 'primary' })] },
    context('Or type `/support <what you need>`, or use the "Ask Support" shortcut.'),
  );
  blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'My requests' } });
  const mine = input.myRequests ?? [];
  blocks.push(mrkdwnSection(mine.length ? mine.slice(0, 20).map(requestLine).join('\n') : 'Nothing yet.'));
  if (input.weekly) blocks.push(...buildWeeklySummary(input.weekly));
  return {
    type: 'home',
    blocks: capBlocks(blocks, LIMITS.blocksPerView, (n) => context(`${n} more not shown`)),
  };
}
