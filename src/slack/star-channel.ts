// At boot: is the bot a member of the STAR channel? The STAR notice is posted there, and Slack
// refuses a bot's post to a channel it is not in (`not_in_channel`), so a missing invite would
// otherwise show only as a logged error on the first STAR. conversations.info answers with the
// channel's `is_member` for the calling bot. Never stops the boot: it only tells the operator.
import type { Logger } from '../logger';
import { slackErrorCode } from './dm-refused';

export interface ConversationsInfo {
  conversations: {
    info(args: { channel: string }): Promise<{ channel?: { is_member?: boolean; name?: string } }>;
  };
}

export type StarChannelState = 'member' | 'not-member' | 'not-found' | 'no-scope' | 'unknown';

/** Checks membership and logs what to do; resolves with what it found, never rejects. */
export async function checkStarChannel(
  client: ConversationsInfo,
  channel: string,
  logger: Logger,
): Promise<StarChannelState> {
  let info: Awaited<ReturnType<ConversationsInfo['conversations']['info']>>;
  try {
    info = await client.conversations.info({ channel });
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'channel_not_found') {
      logger.warn(
        { channel, code },
        `STAR channel ${channel} not found: it is private and the bot is not in it, or the id is wrong. Invite the bot there (/invite @support-router) or fix star.channel in FILING_CONFIG_FILE; until then STAR notices are not posted.`,
      );
      return 'not-found';
    }
    if (code === 'missing_scope') {
      logger.warn(
        { channel, code },
        'Cannot check the STAR channel: the bot token lacks channels:read (in manifest.yml). Add it under OAuth & Permissions and reinstall the app; make sure the bot is in the STAR channel meanwhile.',
      );
      return 'no-scope';
    }
    logger.warn({ channel, err }, 'Could not check that the bot is in the STAR channel; carrying on');
    return 'unknown';
  }
  if (info.channel?.is_member) {
    logger.info({ channel }, 'the bot is in the STAR channel');
    return 'member';
  }
  const name = info.channel?.name ? `#${info.channel.name}` : channel;
  logger.warn(
    { channel, code: 'not_in_channel' },
    `The bot is not a member of the STAR channel ${name}: STAR notices cannot be posted there. Invite it: /invite @support-router in ${name}.`,
  );
  return 'not-member';
}
