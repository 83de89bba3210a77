// Block Kit layout blocks to HTML: header, section (text, fields, accessory), context, divider,
// actions, image and input blocks. An input block's label is a <label> for its control (a <legend>
// for checkboxes and radio buttons), with the block's error from response_action: errors under it.
//   https://docs.slack.dev/reference/block-kit/blocks
import { arr, domId, type Json, obj, type RenderContext, str } from './context';
import { elementHtml } from './elements';
import { escapeHtml, safeUrl } from './html';
import { mrkdwnHtml } from './mrkdwn';
import { plainOf, textObjectHtml } from './text';

type BlockRenderer = (block: Json, blockId: string, ctx: RenderContext) => string;

function section(block: Json, blockId: string, ctx: RenderContext): string {
  const text = block.text ? `<div class="text">${textObjectHtml(block.text, ctx.names)}</div>` : '';
  const fields = arr(block.fields);
  const grid = fields.length
    ? `<div class="fields">${fields.map((f) => `<div>${textObjectHtml(f, ctx.names)}</div>`).join('')}</div>`
    : '';
  const accessory = block.accessory
    ? `<div class="accessory">${elementHtml(obj(block.accessory), { blockId, dispatch: true }, ctx)}</div>`
    : '';
  return `<div class="section"><div class="body">${text}${grid}</div>${accessory}</div>`;
}

function contextBlock(block: Json, _blockId: string, ctx: RenderContext): string {
  const items = arr(block.elements).map((e) =>
    e.type === 'image' ? elementHtml(e, { blockId: '', dispatch: false }, ctx) : textObjectHtml(e, ctx.names),
  );
  return `<div class="context">${items.join(' ')}</div>`;
}

function actions(block: Json, blockId: string, ctx: RenderContext): string {
  const items = arr(block.elements).map((e) => elementHtml(e, { blockId, dispatch: true }, ctx));
  return `<div class="actions">${items.join('')}</div>`;
}

function image(block: Json): string {
  const url = safeUrl(block.image_url);
  const alt = escapeHtml(str(block.alt_text));
  const title = block.title ? `<figcaption>${escapeHtml(plainOf(block.title))}</figcaption>` : '';
  return `<figure class="image">${url ? `<img src="${escapeHtml(url)}" alt="${alt}">` : `[${alt}]`}${title}</figure>`;
}

function input(block: Json, blockId: string, ctx: RenderContext): string {
  const element = obj(block.element);
  const label = plainOf(block.label);
  const optional = block.optional === true ? ' <span class="optional">(optional)</span>' : '';
  const placement = { blockId, label, dispatch: block.dispatch_action === true };
  const control = elementHtml(element, placement, ctx);
  const hint = block.hint ? `<div class="hint">${escapeHtml(plainOf(block.hint))}</div>` : '';
  const error = ctx.errors?.[blockId];
  const errorHtml = error
    ? `<div class="field-error" role="alert">${mrkdwnHtml(error, ctx.names)}</div>`
    : '';
  const grouped = element.type === 'checkboxes' || element.type === 'radio_buttons';
  const labelHtml = `${escapeHtml(label)}${optional}`;
  const invalid = error ? ' invalid' : '';
  if (grouped)
    return `<fieldset class="input${invalid}"><legend class="label">${labelHtml}</legend>${control}${hint}${errorHtml}</fieldset>`;
  const labelFor = `<label for="${domId(ctx, blockId, str(element.action_id))}">${labelHtml}</label>`;
  return `<div class="input${invalid}">${labelFor}${control}${hint}${errorHtml}</div>`;
}

const RENDERERS: Record<string, BlockRenderer> = {
  header: (b) => `<h3 class="header">${escapeHtml(plainOf(b.text))}</h3>`,
  section,
  context: contextBlock,
  divider: () => '<hr>',
  actions,
  image,
  input,
};

export function blocksHtml(blocks: unknown, ctx: RenderContext): string {
  return arr(blocks)
    .map((block, i) => {
      const render = RENDERERS[str(block.type)];
      const blockId = str(block.block_id) || `b${i}`;
      return render
        ? render(block, blockId, ctx)
        : `<div class="unsupported">[${escapeHtml(str(block.type) || 'block')} block]</div>`;
    })
    .join('');
}
