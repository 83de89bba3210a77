// chat.postMessage with a plain-text fallback: when Slack refuses the blocks (invalid_blocks,
// msg_blocks_too_long: its undocumented aggregate limit), the answer still arrives as text.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger';
import type { Message } from '../views/blocks';

const BLOCK_ERRORS = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_blocks_format']);

function slackError(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export async function postWithFallback(
  client: webApi.WebClient,
  logger: Logger,
  target: { channel: string; thread_ts?: string },
  message: Message,
): Promise<void> {
  try {
    await client.chat.postMessage({ ...target, text: message.text, blocks: message.blocks });
  } catch (err) {
    const code = slackError(err);
    if (!code || !BLOCK_ERRORS.has(code)) throw err;
    logger.warn({ code }, 'blocks refused; posting the text only');
    await client.chat.postMessage({ ...target, text: message.text });
  }
}
