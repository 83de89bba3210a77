// Block actions of the filing surfaces: the internal-request option picker (re-renders the modal
// with that option's fields and notes) and the Retry button on a "could not file" message.
import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { nowOf, type FormsDeps } from './deps';
import { decodeMetadata, placeOf } from './metadata';
import { buildOpenView } from './open';
import { currentValues } from './view-state';

export async function handleOptionChange(
  { ack, body, action, client }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs,
  deps: FormsDeps,
): Promise<void> {
  await ack();
  const view = body.view;
  const meta = decodeMetadata(view?.private_metadata);
  const rule = meta ? deps.rules.byId.get(meta.routeId) : undefined;
  if (!view || !meta || !rule) return;
  const next = buildOpenView(rule, deps, {
    optionId: action.selected_option.value,
    prefill: currentValues((view.state as { values?: unknown } | undefined)?.values),
    ...placeOf(meta),
  });
  if (!next) return;
  // The hash makes Slack refuse the update if the person changed the view meanwhile.
  await client.views.update({ view_id: view.id, hash: view.hash, view: next });
}

export async function handleRetry(
  { ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
  deps: FormsDeps,
): Promise<void> {
  await ack();
  const id = action.value ?? '';
  const requeued = await deps.filing.store.requeue(id, body.user.id, nowOf(deps).getTime());
  if (requeued) {
    deps.filing.worker.wake();
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
