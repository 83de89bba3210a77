// The /support subcommand table's entry type. Subcommands are a lookup table, never an if-chain:
// commands/support.ts merges its own entries with the ones other modules export (formSubcommands).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SubcommandHandler {
  /** One line for `/support help`. */
  description: string;
  /** Example arguments for the help text, e.g. "[support|cmoc]". */
  usage?: string;
  /**
   * Must ack within 3 s (the handler owns ack). `rest` is the text after the subcommand word,
   * trimmed. Slow work goes after the ack and answers through `respond`.
   */
  run(args: CommandArgs, rest: string, deps: AppDeps): Promise<void>;
}

export type SubcommandTable = Record<string, SubcommandHandler>;
