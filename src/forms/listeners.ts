// Registers the filing surfaces on the app: only app.action/app.view lines, routed by id constants.
// The context is read per request, because the filing service is attached after the app is built.
import type { App, BlockButtonAction, BlockStaticSelectAction, ViewSubmitAction } from '@slack/bolt';
import { ACTION_IR_OPTION, ACTION_RETRY_FILING, VIEW_FILE_FORM } from '../ids';
import { handleOptionChange, handleRetry } from './actions';
import type { FormsContext } from './context';
import { handleFormSubmission } from './submit';

type ContextSource = FormsContext | (() => FormsContext | undefined);

/** Acks with nothing when filing is not available (the modal cannot have been opened by us then). */
function withContext<A extends { ack: () => Promise<void> }>(
  source: ContextSource,
  handler: (args: A, ctx: FormsContext) => Promise<void>,
): (args: A) => Promise<void> {
  return async (args) => {
    const ctx = typeof source === 'function' ? source() : source;
    if (ctx) return handler(args, ctx);
    await args.ack();
  };
}

export function registerFormListeners(app: App, source: ContextSource): void {
  app.action<BlockStaticSelectAction>(ACTION_IR_OPTION, withContext(source, handleOptionChange));
  app.action<BlockButtonAction>(ACTION_RETRY_FILING, withContext(source, handleRetry));
  app.view<ViewSubmitAction>(VIEW_FILE_FORM, withContext(source, handleFormSubmission));
}
