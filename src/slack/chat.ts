// What posting code needs of the Web API client: chat.postMessage and chat.postEphemeral. Filing and
// its follow-up steps take this, so tests hand them a small stand-in instead of a whole WebClient.
import type { types } from '@slack/bolt';

export interface ChatPoster {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: types.KnownBlock[];
      thread_ts?: string;
      unfurl_links?: boolean;
    }): Promise<unknown>;
    postEphemeral(args: {
      channel: string;
      user: string;
      text: string;
      blocks?: types.KnownBlock[];
      thread_ts?: string;
    }): Promise<unknown>;
  };
}
