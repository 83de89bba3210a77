// Registers the filing surfaces on the app: only app.action/app.view lines, routed by id constants.
import type { App, BlockButtonAction, BlockStaticSelectAction, ViewSubmitAction } from '@slack/bolt';
import { ACTION_IR_OPTION, ACTION_OPEN_FORM, ACTION_RETRY_FILING, VIEW_FILE_FORM } from '../ids';
import { handleOptionChange, handleRetry } from './actions';
import type { FormsContext } from './context';
import { handleOpenForm } from './open';
import { handleFormSubmission } from './submit';

export function registerFormListeners(app: App, ctx: FormsContext): void {
  app.action<BlockButtonAction>(ACTION_OPEN_FORM, (args) => handleOpenForm(args, ctx));
  app.action<BlockStaticSelectAction>(ACTION_IR_OPTION, (args) => handleOptionChange(args, ctx));
  app.action<BlockButtonAction>(ACTION_RETRY_FILING, (args) => handleRetry(args, ctx));
  app.view<ViewSubmitAction>(VIEW_FILE_FORM, (args) => handleFormSubmission(args, ctx));
}
