// Block actions of the filing surfaces: the internal-request option picker (re-renders the modal
// with that option's fields and notes) and the Retry button on a "could not file" message.
import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { nowOf, type FormsContext } from './context';
import { decodeMetadata } from './metadata';
import { buildOpenView } from './open';
import { viewStateSchema } from './validate';

/** Current values by block id, so switching the option keeps what was already typed. */
function currentValues(state: unknown): Record<string, string> {
  const parsed = viewStateSchema.safeParse((state as { values?: unknown } | undefined)?.values);
  if (!parsed.success) return {};
  const out: Record<string, string> = {};
  for (const [blockId, block] of Object.entries(parsed.data)) {
    const el = Object.values(block)[0];
    const value =
      el?.value ??
      el?.selected_date ??
      el?.selected_option?.value ??
      el?.selected_options?.map((o) => o.value).join(',');
    if (value) out[blockId] = value;
  }
  return out;
}

export async function handleOptionChange(
  { ack, body, action, client }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs,
  ctx: FormsContext,
): Promise<void> {
  await ack();
  const view = body.view;
  const meta = decodeMetadata(view?.private_metadata);
  const rule = meta ? ctx.rules.byId.get(meta.routeId) : undefined;
  if (!view || !meta || !rule) return;
  const next = buildOpenView(rule, ctx, {
    optionId: action.selected_option.value,
    prefill: currentValues(view.state),
    ...(meta.permalink ? { permalink: meta.permalink } : {}),
    ...(meta.channel ? { channel: meta.channel } : {}),
    ...(meta.threadTs ? { threadTs: meta.threadTs } : {}),
    ...(meta.askedIn ? { askedIn: meta.askedIn } : {}),
    ...(meta.triageId ? { triageId: meta.triageId } : {}),
  });
  if (!next) return;
  // The hash makes Slack refuse the update if the person changed the view meanwhile.
  await client.views.update({ view_id: view.id, hash: view.hash, view: next });
}

export async function handleRetry(
  { ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  ctx: FormsContext,
): Promise<void> {
  await ack();
  const id = action.value ?? '';
  const requeued = await ctx.filing.store.requeue(id, body.user.id, nowOf(ctx).getTime());
  if (requeued) {
    ctx.filing.worker.wake();
    await respond({
      replace_original: true,
      text: 'Trying again: I will send you the link as soon as it is filed.',
    });
  } else {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'That request is not waiting for a retry (it may be filed already, or not be yours). See `/support status`.',
    });
  }
}
