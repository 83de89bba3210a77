// The triage reply: the rule's guidance with its channels and links, what to do next for the route's
// action (a form button, the on-call answer, the policy), one line of evidence, and a
// "Not what I meant" menu of the alternatives. Pure: data in, blocks out.
import type { types } from '@slack/bolt';
import { triageBlockId, type TriageBlock, type TriageRef } from '../analytics/triage-ref';
import { ACTION_OPEN_FORM, ACTION_OPEN_LINK, ACTION_PICK_ROUTE } from '../ids';
import { ROUTE } from '../routes';
import { renderAnswer } from '../routing/answer';
import { confidenceBand } from '../routing/bands';
import type { Rule } from '../routing/schema';
import type { Classification, RuleSet } from '../routing/types';
import { escapeMrkdwn, quoteMrkdwn } from '../slack/escape';
import { clip, LIMITS } from '../slack/limits';
import { button, context, fallbackText, mrkdwnSection, option, type Block, type Message } from './blocks';
import { encodeFormValue } from './form-button';
import { buildLowMessage, buildMediumMessage } from './unsure';

export interface TriageInput {
  rules: RuleSet;
  classification: Classification;
  /** The user's text, quoted back (escaped) in private replies only. */
  quoted?: string;
  /** The Slack message a shortcut was used on, kept for the form. */
  permalink?: string;
  /** On-call blocks for an `oncall` route (an answer or a "looking up" placeholder). */
  oncall?: Block[];
  /** Replaces the classifier's evidence, e.g. when the user picked the route. */
  why?: string;
  /** The recorded answer this is (or was corrected from), carried in the action blocks' block_id. */
  ref?: TriageRef;
}

/** block_id for an action block of the answer, when it belongs to a recorded one. */
function refBlock(input: TriageInput, block: TriageBlock): { block_id?: string } {
  const id = input.ref ? triageBlockId(input.ref, block) : undefined;
  return id ? { block_id: id } : {};
}

/** Routes offered when nothing fits, when they exist in the rules. */
export const COMMON_ROUTES = [
  ROUTE.generalQuestion,
  ROUTE.possibleBug,
  ROUTE.customerNeedsSupport,
  ROUTE.oncallSupport,
  ROUTE.oncallCmoc,
  ROUTE.supportChannels,
];

/** The answer to a route id the rules no longer have (an old menu or button, an edited rules file). */
export const ROUTE_GONE = 'That route no longer exists. Pick another one (`/support help` lists them).';

/** One short line: the classifier's first (strongest) reason, clipped. */
export function evidenceLine(c: Classification): string {
  const first = c.evidence[0];
  if (!first) return 'no strong signal in the text';
  return escapeMrkdwn(clip(first, EVIDENCE_MAX));
}

export const EVIDENCE_MAX = 140;

export function routeMenu(
  rules: RuleSet,
  routeIds: string[],
  placeholder: string,
): types.StaticSelect | undefined {
  const options = [...new Set(routeIds)]
    .map((id) => rules.byId.get(id))
    .filter((r): r is Rule => r !== undefined)
    .slice(0, LIMITS.optionsPerSelect)
    .map((r) => option(r.title, r.id));
  if (options.length === 0) return undefined;
  return {
    type: 'static_select',
    action_id: ACTION_PICK_ROUTE,
    placeholder: { type: 'plain_text', text: clip(placeholder, 150) },
    options,
  };
}

function nextStep(rule: Rule, input: TriageInput): Block[] {
  switch (rule.action) {
    case 'form':
      return [
        {
          type: 'actions',
          ...refBlock(input, 'form'),
          elements: [
            button('Open the form', ACTION_OPEN_FORM, {
              value: encodeFormValue({
                route: rule.id,
                ...(input.permalink ? { permalink: input.permalink } : {}),
                ...(input.permalink && input.quoted ? { text: input.quoted } : {}),
              }),
              style: 'primary',
            }),
            button('Handbook', ACTION_OPEN_LINK, { url: rule.link }),
          ],
        },
      ];
    case 'oncall':
      return input.oncall ?? [];
    case 'refuse':
    case 'answer':
      return [];
  }
}

/** The reply for any band: the answer only when the classifier is sure enough (see routing/bands). */
export function buildTriageMessage(input: TriageInput): Message {
  const { rules, classification } = input;
  const rule = rules.byId.get(classification.route);
  if (!rule) return buildUnknownMessage(input);
  const band = confidenceBand(classification);
  if (band === 'medium') return buildMediumMessage(input);
  if (band === 'low') return buildLowMessage(input);
  const blocks: Block[] = [];
  if (input.quoted) blocks.push(mrkdwnSection(quoteMrkdwn(clip(input.quoted, LIMITS.quotedText))));
  const heading =
    rule.action === 'refuse'
      ? `:no_entry: *${escapeMrkdwn(rule.title)}*: Support can't do this.`
      : `*${escapeMrkdwn(rule.title)}*`;
  blocks.push(mrkdwnSection(`${heading}\n${renderAnswer(rule, rules)}`));
  blocks.push(...nextStep(rule, input));
  const why = input.why ?? `Why: ${evidenceLine(classification)}`;
  blocks.push(context(`${why} · <${rule.link}|${escapeMrkdwn(rule.section)}>`));
  const menu = routeMenu(
    rules,
    classification.alternatives.map((a) => a.route),
    'Not what I meant',
  );
  if (menu) blocks.push({ type: 'actions', ...refBlock(input, 'menu'), elements: [menu] });
  return { text: fallbackText(`${rule.title}: ${renderAnswer(rule, rules)}`), blocks };
}

export function buildUnknownMessage(input: TriageInput): Message {
  const { rules, classification } = input;
  const blocks: Block[] = [];
  if (input.quoted) blocks.push(mrkdwnSection(quoteMrkdwn(clip(input.quoted, LIMITS.quotedText))));
  blocks.push(
    mrkdwnSection("I'm not sure where this should go. Pick the closest match, or try `/support help`."),
  );
  const ids = [...classification.alternatives.map((a) => a.route), ...COMMON_ROUTES].slice(0, 8);
  const menu = routeMenu(rules, ids, 'Pick a route');
  if (menu) blocks.push({ type: 'actions', ...refBlock(input, 'menu'), elements: [menu] });
  if (classification.evidence.length) blocks.push(context(`Why: ${evidenceLine(classification)}`));
  return { text: "I'm not sure where this should go. Pick the closest match.", blocks };
}
