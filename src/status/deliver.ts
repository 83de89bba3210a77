// Posts a stored notice where the filing notice went. A thread Slack refuses for good (archived,
// the bot removed) falls back to the requester's DM; a refusal of the DM itself, or of the blocks,
// ends there (logged); anything transient is thrown, and the notice is posted at the next attempt.
import type { ChatPoster } from '../filing/notify';
import { slackErrorCode } from '../slack/dm-refused';
import type { Message } from '../views/blocks';
import type { Place } from './types';

const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Slack answered, and asking again will not change its answer. */
export function refusedForGood(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== undefined && !TRANSIENT.has(code);
}

export type Delivery = 'posted' | 'refused';

async function post(client: ChatPoster, userId: string, place: Place, message: Message): Promise<void> {
  if (place.kind === 'ephemeral') {
    await client.chat.postEphemeral({
      channel: place.channel,
      user: userId,
      text: message.text,
      blocks: message.blocks,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    });
    return;
  }
  await client.chat.postMessage({
    channel: place.channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
  });
}

export async function deliverNotice(
  client: ChatPoster,
  userId: string,
  place: Place,
  message: (place: Place) => Message,
): Promise<Delivery> {
  try {
    await post(client, userId, place, message(place));
    return 'posted';
  } catch (err) {
    if (!refusedForGood(err)) throw err;
    if (place.kind === 'dm') return 'refused';
  }
  const dm: Place = { kind: 'dm', channel: userId };
  try {
    await post(client, userId, dm, message(dm));
    return 'posted';
  } catch (err) {
    if (!refusedForGood(err)) throw err;
    return 'refused';
  }
}
