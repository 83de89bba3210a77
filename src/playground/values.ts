// What the page's controls hold, turned into Slack's view state (`state.values`) and the `actions`
// entry of block_actions, using the element definitions in the view or message.
//   https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
//   https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
import { z } from 'zod';
import { arr, type Json, obj, type StateValues, str } from './render/context';
import { optionsOf } from './render/text';

/** From the page: values[block_id][action_id] = the control's value(s). */
export const pageValuesSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.string(), z.array(z.string())])),
);
export type PageValues = z.infer<typeof pageValuesSchema>;

/** Every element of the blocks with its block_id. */
export function elementsOf(blocks: unknown): Array<{ blockId: string; element: Json }> {
  return arr(blocks).flatMap((b) => {
    const blockId = str(b.block_id);
    const elements = [b.element, b.accessory, ...(b.type === 'actions' ? arr(b.elements) : [])];
    return elements.filter((e) => e && typeof e === 'object').map((e) => ({ blockId, element: obj(e) }));
  });
}

export function findElement(blocks: unknown, blockId: string, actionId: string): Json | undefined {
  return elementsOf(blocks).find((e) => e.blockId === blockId && str(e.element.action_id) === actionId)
    ?.element;
}

const pick = (element: Json, values: string[]): Json[] => {
  const options = [...optionsOf(element), ...(element.initial_option ? [obj(element.initial_option)] : [])];
  return values.map((v) => options.find((o) => str(o.value) === v)).filter((o): o is Json => o !== undefined);
};

/** One control's value as Slack puts it in the state (and, with the type, in an action). */
export function valueOf(element: Json, raw: string | string[] | undefined): Json {
  const type = str(element.type);
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const first = list[0] ?? '';
  if (type === 'checkboxes' || /^multi_/.test(type)) return { type, selected_options: pick(element, list) };
  if (type === 'radio_buttons' || /_select$/.test(type))
    return { type, selected_option: pick(element, [first])[0] ?? null };
  if (type === 'datepicker') return { type, selected_date: first || null };
  return { type, value: first === '' ? null : first };
}

/** The view state for every input the blocks hold (buttons and overflows hold none). */
export function stateFrom(blocks: unknown, page: PageValues): StateValues {
  const state: StateValues = {};
  for (const { blockId, element } of elementsOf(blocks)) {
    const type = str(element.type);
    if (type === 'button' || type === 'overflow' || type === 'image') continue;
    const actionId = str(element.action_id);
    (state[blockId] ??= {})[actionId] = valueOf(element, page[blockId]?.[actionId]);
  }
  return state;
}

/** The `actions[0]` of block_actions for the control the person used. */
export function actionOf(
  element: Json,
  blockId: string,
  raw: string | string[] | undefined,
  actionTs: string,
): Json {
  const type = str(element.type);
  const base = { action_id: str(element.action_id), block_id: blockId, type, action_ts: actionTs };
  if (type === 'button')
    return {
      ...base,
      text: element.text,
      value: str(element.value),
      ...(element.style ? { style: element.style } : {}),
    };
  if (type === 'overflow') return { ...base, selected_option: pick(element, [String(raw ?? '')])[0] ?? null };
  const { type: _t, ...value } = valueOf(element, raw);
  return { ...base, ...value };
}
