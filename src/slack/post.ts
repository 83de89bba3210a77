// chat.postMessage with a plain-text fallback: when Slack refuses the blocks (invalid_blocks,
// msg_blocks_too_long: its undocumented aggregate limit), the message still arrives as text. Every
// post with blocks that must arrive (triage replies, filing notices) goes through here.
import type { Logger } from '../logger';
import type { Message } from '../views/blocks';
import type { ChatPoster } from './chat';
import { slackErrorCode } from './dm-refused';

const BLOCK_ERRORS = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_blocks_format']);

export async function postWithFallback(
  client: ChatPoster,
  logger: Logger | undefined,
  target: { channel: string; thread_ts?: string; unfurl_links?: boolean },
  message: Message,
): Promise<void> {
  try {
    await client.chat.postMessage({ ...target, text: message.text, blocks: message.blocks });
  } catch (err) {
    const code = slackErrorCode(err);
    if (!code || !BLOCK_ERRORS.has(code)) throw err;
    logger?.warn({ code }, 'blocks refused; posting the text only');
    await client.chat.postMessage({ ...target, text: message.text });
  }
}
