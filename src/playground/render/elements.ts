// Interactive Block Kit elements as accessible HTML controls: buttons are <button>s with their text,
// every input and menu has a label, and each control carries its block_id and action_id, so the page
// script can send Slack's block_actions (or the view state) for it.
//   https://docs.slack.dev/reference/block-kit/block-elements
import { escapeHtml, safeUrl } from './html';
import { domId, type Json, obj, type RenderContext, str } from './context';
import { optionsOf, plainOf } from './text';

export interface Placement {
  blockId: string;
  /** The label of the input block around it, when there is one. */
  label?: string;
  /** Changing it sends block_actions now (actions blocks, accessories, dispatching inputs). */
  dispatch: boolean;
}

const attrs = (element: Json, at: Placement) =>
  `data-block="${escapeHtml(at.blockId)}" data-action="${escapeHtml(str(element.action_id))}" data-kind="${escapeHtml(str(element.type))}"${at.dispatch ? ' data-dispatch' : ''}`;

/** The element's current value in the view state, when the view has one for it. */
function stateOf(element: Json, at: Placement, ctx: RenderContext): Json | undefined {
  return ctx.state?.[at.blockId]?.[str(element.action_id)];
}

function selectedValues(element: Json, at: Placement, ctx: RenderContext): string[] {
  const state = stateOf(element, at, ctx);
  const one = (o: unknown) => str(obj(o).value);
  if (state) {
    if (Array.isArray(state.selected_options)) return state.selected_options.map(one);
    return state.selected_option ? [one(state.selected_option)] : [];
  }
  if (Array.isArray(element.initial_options)) return element.initial_options.map(one);
  return element.initial_option ? [one(element.initial_option)] : [];
}

function button(element: Json, at: Placement): string {
  const style = str(element.style);
  const url = safeUrl(element.url);
  return `<button type="button" class="btn${style ? ` ${escapeHtml(style)}` : ''}" ${attrs(element, at)} data-value="${escapeHtml(str(element.value))}"${url ? ` data-url="${escapeHtml(url)}"` : ''}>${escapeHtml(plainOf(element.text))}</button>`;
}

function select(element: Json, at: Placement, ctx: RenderContext, id: string): string {
  const multiple = /^multi_/.test(str(element.type));
  const chosen = new Set(selectedValues(element, at, ctx));
  const placeholder = plainOf(element.placeholder) || 'Select an option';
  // External menus get their options from the app; the page shows the ones it already has.
  const optionHtml = (o: Json) =>
    `<option value="${escapeHtml(str(o.value))}"${chosen.has(str(o.value)) ? ' selected' : ''}>${escapeHtml(plainOf(o.text))}</option>`;
  const groups = Array.isArray(element.option_groups) ? element.option_groups.map(obj) : [];
  const listed = new Set(optionsOf(element).map((o) => str(o.value)));
  const initial = element.initial_option ? [obj(element.initial_option)] : [];
  const html = [
    ...(Array.isArray(element.options) ? element.options.map((o) => optionHtml(obj(o))) : []),
    ...groups.map(
      (g) =>
        `<optgroup label="${escapeHtml(plainOf(g.label))}">${(Array.isArray(g.options) ? g.options : []).map((o) => optionHtml(obj(o))).join('')}</optgroup>`,
    ),
    ...initial.filter((o) => !listed.has(str(o.value))).map(optionHtml),
  ].join('');
  const empty = multiple
    ? ''
    : `<option value=""${chosen.size ? '' : ' selected'}>${escapeHtml(placeholder)}</option>`;
  const label = at.label ? '' : ` aria-label="${escapeHtml(placeholder)}"`;
  return `<select id="${id}"${label}${multiple ? ' multiple' : ''} ${attrs(element, at)}>${empty}${html}</select>`;
}

function choices(element: Json, at: Placement, ctx: RenderContext, id: string): string {
  const type = element.type === 'checkboxes' ? 'checkbox' : 'radio';
  const chosen = new Set(selectedValues(element, at, ctx));
  const items = optionsOf(element).map((o, i) => {
    const optionId = `${id}-${i}`;
    const description = o.description
      ? `<span class="hint">${escapeHtml(plainOf(o.description))}</span>`
      : '';
    return `<div class="choice"><input type="${type}" id="${optionId}" name="${id}" value="${escapeHtml(str(o.value))}"${chosen.has(str(o.value)) ? ' checked' : ''}><label for="${optionId}">${escapeHtml(plainOf(o.text))}</label>${description}</div>`;
  });
  const legend = at.label
    ? ''
    : `<legend class="visually-hidden">${escapeHtml(str(element.action_id))}</legend>`;
  return `<fieldset class="choices" ${attrs(element, at)}>${legend}${items.join('')}</fieldset>`;
}

function overflow(element: Json, at: Placement): string {
  const items = optionsOf(element).map(
    (o) =>
      `<button type="button" class="btn" ${attrs(element, at)} data-value="${escapeHtml(str(o.value))}">${escapeHtml(plainOf(o.text))}</button>`,
  );
  return `<details class="overflow"><summary aria-label="More options">⋯</summary><div class="menu">${items.join('')}</div></details>`;
}

const INPUT_TYPES: Record<string, string> = {
  plain_text_input: 'text',
  email_text_input: 'email',
  url_text_input: 'url',
  number_input: 'number',
  datepicker: 'date',
};

function textInput(element: Json, at: Placement, ctx: RenderContext, id: string): string {
  const state = stateOf(element, at, ctx);
  const value = state
    ? str(state.value ?? state.selected_date)
    : str(element.initial_value ?? element.initial_date);
  const placeholder = plainOf(element.placeholder);
  const common = `id="${id}" ${attrs(element, at)}${placeholder ? ` placeholder="${escapeHtml(placeholder)}"` : ''}${at.label ? '' : ` aria-label="${escapeHtml(placeholder || str(element.action_id))}"`}`;
  if (element.type === 'plain_text_input' && element.multiline === true)
    return `<textarea ${common} rows="4">${escapeHtml(value)}</textarea>`;
  const type = INPUT_TYPES[str(element.type)] ?? 'text';
  const step = element.type === 'number_input' && element.is_decimal_allowed === true ? ' step="any"' : '';
  return `<input type="${type}" ${common}${step} value="${escapeHtml(value)}">`;
}

function image(element: Json): string {
  const url = safeUrl(element.image_url);
  const alt = escapeHtml(str(element.alt_text));
  return url
    ? `<img class="inline-image" src="${escapeHtml(url)}" alt="${alt}">`
    : `<span class="image-alt">[${alt}]</span>`;
}

/** One element; the id is the one an input block's label points to. */
export function elementHtml(element: Json, at: Placement, ctx: RenderContext): string {
  const id = domId(ctx, at.blockId, str(element.action_id));
  const type = str(element.type);
  if (type === 'button') return button(element, at);
  if (/_select$/.test(type)) return select(element, at, ctx, id);
  if (type === 'checkboxes' || type === 'radio_buttons') return choices(element, at, ctx, id);
  if (type === 'overflow') return overflow(element, at);
  if (type === 'image') return image(element);
  if (type in INPUT_TYPES) return textInput(element, at, ctx, id);
  return `<span class="unsupported">[${escapeHtml(type || 'element')}]</span>`;
}
