// Replies below the high confidence band. Nothing here presents a form as *the* answer: a medium
// answer asks its clarifying question (one button per answer) or offers the likely routes as buttons
// up front, with the likely guidance below; a low one offers only the likely routes. A click
// answers in the same message. Pure: data in, blocks out.
import type { types } from '@slack/bolt';
import { ACTION_ANSWER_QUESTION, ACTION_CHOOSE_ROUTE } from '../ids';
import { renderAnswer } from '../routing/answer';
import type { Classification, Question, RuleSet } from '../routing/types';
import { escapeMrkdwn, quoteMrkdwn } from '../slack/escape';
import { clip, LIMITS } from '../slack/limits';
import { button, context, fallbackText, mrkdwnSection, type Block, type Message } from './blocks';
import { encodeFormValue } from './form-button';
import { COMMON_ROUTES, evidenceLine, routeMenu, type TriageInput } from './triage';

/** Buttons in one actions block: Slack allows 25; a short row is easier to read. */
const MAX_CHOICES = 5;

const choiceValue = (route: string, input: Pick<TriageInput, 'permalink' | 'quoted'>) =>
  encodeFormValue({
    route,
    ...(input.permalink ? { permalink: input.permalink } : {}),
    ...(input.permalink && input.quoted ? { text: input.quoted } : {}),
  });

/** One button per answer of the question; each selects the best route that answer allows. */
export function questionBlocks(
  question: Question,
  rules: RuleSet,
  input: Pick<TriageInput, 'permalink' | 'quoted'>,
): Block[] {
  const buttons = question.options
    .map((o) => ({ label: o.label, route: o.routes.find((r) => rules.byId.has(r)) }))
    .filter((o): o is { label: string; route: string } => o.route !== undefined)
    .slice(0, MAX_CHOICES)
    .map((o) => button(o.label, ACTION_ANSWER_QUESTION, { value: choiceValue(o.route, input) }));
  if (buttons.length < 2) return [];
  return [
    mrkdwnSection(`:question: *${escapeMrkdwn(question.text)}*`),
    { type: 'actions', elements: buttons },
  ];
}

function routeButtons(
  routes: string[],
  rules: RuleSet,
  input: Pick<TriageInput, 'permalink' | 'quoted'>,
): types.ActionsBlock | undefined {
  const elements = [...new Set(routes)]
    .map((id) => rules.byId.get(id))
    .filter((r) => r !== undefined)
    .slice(0, MAX_CHOICES)
    .map((r) => button(r.title, ACTION_CHOOSE_ROUTE, { value: choiceValue(r.id, input) }));
  return elements.length ? { type: 'actions', elements } : undefined;
}

const quoted = (input: TriageInput): Block[] =>
  input.quoted ? [mrkdwnSection(quoteMrkdwn(clip(input.quoted, LIMITS.quotedText)))] : [];

/** What an unsure reply offers first: the question's answers, or else the likely routes. */
export function unsureChoices(
  rules: RuleSet,
  c: Classification,
  input: Pick<TriageInput, 'permalink' | 'quoted'>,
): Block[] {
  const asked = c.question ? questionBlocks(c.question, rules, input) : [];
  if (asked.length) return asked;
  const row = routeButtons([c.route, ...c.alternatives.map((a) => a.route)], rules, input);
  return row ? [row] : [];
}

/** Medium: the question (or the likely routes) first, then the likely guidance, no form button. */
export function buildMediumMessage(input: TriageInput): Message {
  const { rules, classification: c } = input;
  const rule = rules.byId.get(c.route);
  const blocks: Block[] = [...quoted(input)];
  if (!c.question) blocks.push(mrkdwnSection("I'm not completely sure. Which of these is it?"));
  blocks.push(...unsureChoices(rules, c, input));
  if (rule) {
    blocks.push(
      mrkdwnSection(`*Most likely:* ${escapeMrkdwn(rule.title)}\n${renderAnswer(rule, rules)}`),
      context(`Why: ${evidenceLine(c)} · <${rule.link}|${escapeMrkdwn(rule.section)}>`),
    );
  }
  const lead = c.question ? c.question.text : "I'm not completely sure where this goes.";
  return { text: fallbackText(rule ? `${lead} Most likely: ${rule.title}` : lead), blocks };
}

/** Low: no answer, only the likely routes as buttons and the wider menu. */
export function buildLowMessage(input: TriageInput): Message {
  const { rules, classification: c } = input;
  const blocks: Block[] = [...quoted(input)];
  blocks.push(mrkdwnSection("I'm not sure where this goes. Is it one of these?"));
  const likely = [c.route, ...c.alternatives.map((a) => a.route)];
  const row = routeButtons(likely, rules, input);
  if (row) blocks.push(row);
  const menu = routeMenu(rules, [...likely, ...COMMON_ROUTES], 'Something else');
  if (menu) blocks.push({ type: 'actions', elements: [menu] });
  if (c.evidence.length) blocks.push(context(`Why: ${evidenceLine(c)}`));
  return { text: "I'm not sure where this goes. Pick the closest match.", blocks };
}
