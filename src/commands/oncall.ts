// `/support oncall [support|cmoc]`: who is on call, from cache inside the ack when possible.
import type { AppDeps } from '../deps';
import { isRotation, ROTATIONS, type Rotation } from '../oncall/types';
import type { Block } from '../views/blocks';
import { buildOncallBlocks, buildOncallPending, oncallText } from '../views/oncall';
import type { CommandArgs, SubcommandHandler } from './subcommand';

export async function runOncall(args: CommandArgs, rest: string, deps: AppDeps): Promise<void> {
  const { ack, respond } = args;
  const word = rest.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word && !isRotation(word)) {
    await ack({ response_type: 'ephemeral', text: 'Usage: `/support oncall [support|cmoc]`' });
    return;
  }
  const rotations: readonly Rotation[] = word ? [word as Rotation] : ROTATIONS;
  const cached = rotations.map((r) => deps.oncall.peek(r));
  if (cached.every(Boolean)) {
    const results = cached.map((answer) => ({ ok: true as const, answer: answer!, cached: true }));
    const blocks: Block[] = rotations.flatMap((r, i) => buildOncallBlocks(r, results[i]!));
    await ack({
      response_type: 'ephemeral',
      text: rotations.map((r, i) => oncallText(r, results[i]!)).join('\n'),
      blocks,
    });
    return;
  }
  await ack({
    response_type: 'ephemeral',
    text: 'Looking up who is on call…',
    blocks: rotations.flatMap(buildOncallPending),
  });
  const results = await Promise.all(rotations.map((r) => deps.oncall.lookup(r)));
  await respond({
    response_type: 'ephemeral',
    replace_original: true,
    text: rotations.map((r, i) => oncallText(r, results[i]!)).join('\n'),
    blocks: rotations.flatMap((r, i) => buildOncallBlocks(r, results[i]!)),
  });
}

export const oncallSubcommand: SubcommandHandler = {
  description: 'who is on call now for Self-Managed Support and the GitLab.com CMOC (never pages anyone)',
  usage: '[support|cmoc]',
  run: runOncall,
};
