// "Ask Support" (global shortcut): a modal to describe the request or pick a route, and the modal
// that shows the answer in place after submit.
import type { types } from '@slack/bolt';
import {
  ACTION_ASK_ROUTE,
  ACTION_ASK_TEXT,
  BLOCK_ASK_ROUTE,
  BLOCK_ASK_TEXT,
  VIEW_ANSWER,
  VIEW_ASK,
} from '../ids';
import type { RuleSet } from '../routing/types';
import { capBlocks, clip, LIMITS } from '../slack/limits';
import { context, option, plain, type Message } from './blocks';

export const ASK_TEXT_MAX = 3000;

export type RouteOptionGroup = { label: types.PlainTextElement; options: types.PlainTextOption[] };

export function routeOptionGroups(rules: RuleSet): RouteOptionGroup[] {
  const groups = new Map<string, types.PlainTextOption[]>();
  let total = 0;
  for (const rule of rules.rules) {
    if (total >= LIMITS.optionsPerSelect) break;
    const list = groups.get(rule.section) ?? [];
    list.push(option(rule.title, rule.id));
    groups.set(rule.section, list);
    total += 1;
  }
  return [...groups].slice(0, LIMITS.optionsPerSelect).map(([label, options]) => ({
    label: plain(label, LIMITS.optionText),
    options,
  }));
}

export function buildAskModal(rules: RuleSet): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_ASK,
    title: plain('Ask Support', LIMITS.modalTitle),
    submit: plain('Find the route', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK_ASK_TEXT,
        optional: true,
        label: plain('What do you need?'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_ASK_TEXT,
          multiline: true,
          max_length: ASK_TEXT_MAX,
          placeholder: plain("e.g. a customer's license expired and they are in the grace period"),
        },
      },
      {
        type: 'input',
        block_id: BLOCK_ASK_ROUTE,
        optional: true,
        label: plain('Or pick what it is about'),
        element: {
          type: 'static_select',
          action_id: ACTION_ASK_ROUTE,
          placeholder: plain('Choose a route'),
          option_groups: routeOptionGroups(rules),
        },
      },
      context('Nothing is filed or sent to anyone until you choose to.'),
    ],
  };
}

/** The answer, shown in the same modal (response_action "update" or views.update). */
export function buildAnswerModal(message: Message): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_ANSWER,
    title: plain('Ask Support', LIMITS.modalTitle),
    close: plain('Done', LIMITS.modalButton),
    blocks: capBlocks(message.blocks, LIMITS.blocksPerView, (n) => context(clip(`${n} more not shown`, 100))),
  };
}
