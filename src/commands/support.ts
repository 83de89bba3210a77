// `/support`: a table of subcommands (help, oncall, and the filing module's), and anything else is
// triaged with the classifier and answered privately.
import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { FORM_SUBCOMMANDS } from '../forms/commands';
import { COMMAND } from '../ids';
import { triageReply } from '../triage/reply';
import { actorOfCommand } from '../slack/actor';
import { buildHelp } from '../views/help';
import { oncallSubcommand } from './oncall';
import type { CommandArgs, SubcommandHandler, SubcommandTable } from '../slack/subcommand';

export const helpSubcommand: SubcommandHandler = {
  description: 'what this bot does, with examples',
  async run({ ack }, _rest, _deps) {
    await ack({ response_type: 'ephemeral', ...buildHelp(COMMAND, subcommands()) });
  },
};

/** The full table: the filing module's words plus ours; ours win a clash (help, oncall). */
export function subcommands(): SubcommandTable {
  return { ...FORM_SUBCOMMANDS, help: helpSubcommand, oncall: oncallSubcommand };
}

export async function triageCommand(args: CommandArgs, text: string, deps: AppDeps): Promise<void> {
  const viewer = { client: args.client, actor: actorOfCommand(args.command) };
  const reply = triageReply(deps, viewer, deps.classify(text), {
    quoted: text,
    record: { surface: 'command', text },
  });
  await args.ack({ response_type: 'ephemeral', ...reply.now });
  if (reply.later)
    await args.respond({ response_type: 'ephemeral', replace_original: true, ...(await reply.later) });
}

export async function handleSupportCommand(args: CommandArgs, deps: AppDeps): Promise<void> {
  const text = args.command.text.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const table = subcommands();
  const sub = Object.hasOwn(table, word.toLowerCase()) ? table[word.toLowerCase()] : undefined;
  if (!text) return helpSubcommand.run(args, '', deps);
  if (sub) return sub.run(args, rest.join(' '), deps);
  return triageCommand(args, text, deps);
}

export function register(app: App, deps: AppDeps): void {
  app.command(COMMAND, (args) => handleSupportCommand(args, deps));
}
