// The form surfaces on the app: the form button, the internal-request option picker, Retry on a
// failed filing, and the modal's submission. Only app.action/app.view lines, routed by id constants;
// the /support subcommands that open forms are in commands.ts (merged into /support's table).
import type { App, BlockButtonAction, BlockStaticSelectAction, ViewSubmitAction } from '@slack/bolt';
import { ACTION_IR_OPTION, ACTION_OPEN_FORM, ACTION_RETRY_FILING, VIEW_FILE_FORM } from '../ids';
import { handleOptionChange, handleRetry } from './actions';
import type { FormsDeps } from './deps';
import { handleOpenForm } from './open';
import { handleFormSubmission } from './submit';

/** The app's dependencies satisfy FormsDeps as they are; a benchmark replica passes just these. */
export function register(app: App, deps: FormsDeps): void {
  app.action<BlockButtonAction>(ACTION_OPEN_FORM, (args) => handleOpenForm(args, deps));
  app.action<BlockStaticSelectAction>(ACTION_IR_OPTION, (args) => handleOptionChange(args, deps));
  app.action<BlockButtonAction>(ACTION_RETRY_FILING, (args) => handleRetry(args, deps));
  app.view<ViewSubmitAction>(VIEW_FILE_FORM, (args) => handleFormSubmission(args, deps));
}
