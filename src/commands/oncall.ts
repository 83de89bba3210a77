// `/support oncall [support|cmoc|manager]`: who is on call, from cache inside the ack when possible.
// Names are for the workspace's own members; anyone else is told where to reach Support instead.
import type { AppDeps } from '../deps';
import { isRotation, ROTATIONS, type OncallAnswer, type OncallResult, type Rotation } from '../oncall/types';
import type { Message } from '../views/blocks';
import { actorOfCommand } from '../slack/actor';
import { buildOncallBlocks, buildOncallMembersOnly, buildOncallPending, oncallText } from '../views/oncall';
import type { CommandArgs, SubcommandHandler } from '../slack/subcommand';

export function oncallMessage(rotations: readonly Rotation[], results: OncallResult[]): Message {
  const pairs = rotations.flatMap((r, i) => (results[i] ? [[r, results[i]] as const] : []));
  return {
    text: pairs.map(([r, result]) => oncallText(r, result)).join('\n'),
    blocks: pairs.flatMap(([r, result]) => buildOncallBlocks(r, result)),
  };
}

export async function runOncall(args: CommandArgs, rest: string, deps: AppDeps): Promise<void> {
  const { ack, respond } = args;
  const word = rest.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word && !isRotation(word)) {
    await ack({ response_type: 'ephemeral', text: `Usage: \`/support oncall [${ROTATIONS.join('|')}]\`` });
    return;
  }
  const rotations: readonly Rotation[] = isRotation(word) ? [word] : ROTATIONS;
  const actor = actorOfCommand(args.command);
  const membersOnly = {
    text: 'Who is on call is shown to members of this workspace only.',
    blocks: rotations.flatMap(buildOncallMembersOnly),
  };
  const known = deps.membership.peek(actor);
  if (known && !known.member) return ack({ response_type: 'ephemeral', ...membersOnly });
  const cached = rotations.map((r) => deps.oncall.peek(r));
  if (known && cached.every((a): a is OncallAnswer => a !== undefined)) {
    const results = cached.map((answer): OncallResult => ({ ok: true, answer, cached: true }));
    await ack({ response_type: 'ephemeral', ...oncallMessage(rotations, results) });
    return;
  }
  await ack({
    response_type: 'ephemeral',
    text: 'Looking up who is on call…',
    blocks: rotations.flatMap(buildOncallPending),
  });
  const membership = known ?? (await deps.membership.check(args.client, actor));
  if (!membership.member) {
    await respond({ response_type: 'ephemeral', replace_original: true, ...membersOnly });
    return;
  }
  const asker = { userId: args.command.user_id, channelId: args.command.channel_id };
  const results = await Promise.all(rotations.map((r) => deps.oncall.lookup(r, asker)));
  await respond({ response_type: 'ephemeral', replace_original: true, ...oncallMessage(rotations, results) });
}

export const oncallSubcommand: SubcommandHandler = {
  description:
    'who is on call now for Self-Managed Support, the GitLab.com CMOC and the Support Manager (never pages anyone)',
  usage: `[${ROTATIONS.join('|')}]`,
  run: runOncall,
};
