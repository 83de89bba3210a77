// Tells the requester how their request went: in the thread it came from (a mention), or by DM.
// For a filed STAR it also posts the notice to the STAR channel, with the on-call Support Manager.
// Delivery is at least once: if Slack fails, the row's lease expires and the worker tries again.
import type { types } from '@slack/bolt';
import type { OncallService } from '../oncall/types';
import type { RuleSet } from '../routing/types';
import { mentionUser } from '../slack/escape';
import type { Submission } from '../store/types';
import { STAR_REASONS, URGENCY_OPTIONS } from '../forms/fields';
import { readPayload } from '../forms/payload';
import { failedMessage, filedMessage, starNotice } from '../views/forms/messages';
import type { FilingSettings } from './settings';
import type { Notifier } from './types';

export interface ChatPoster {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: types.KnownBlock[];
      thread_ts?: string;
      unfurl_links?: boolean;
    }): Promise<unknown>;
  };
}

export interface NotifierDeps {
  client: ChatPoster;
  rules: RuleSet;
  settings: FilingSettings;
  oncall?: Pick<OncallService, 'lookup'>;
  /** After the requester was told, e.g. to refresh their App Home; its failures are ignored. */
  afterNotify?: (s: Submission) => Promise<void>;
}

const BLOCK_ERRORS = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_blocks_format']);

const label = (options: readonly { value: string; label: string }[], value?: string) =>
  options.find((o) => o.value === value)?.label ?? value ?? '';

export class SlackNotifier implements Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  async notify(s: Submission): Promise<void> {
    const rule = this.deps.rules.byId.get(s.routeId);
    const title = rule?.title ?? s.routeId;
    if (s.status === 'filed' && rule?.form?.kind === 'star' && !s.result?.dryRun)
      await this.postStarNotice(s);
    const message = s.status === 'filed' ? filedMessage(s, title) : failedMessage(s, title);
    // A dry-run preview shows every answer the requester typed: it goes to them alone, never to a thread.
    const reply = s.result?.dryRun ? undefined : s.reply;
    const target = {
      channel: reply?.channel ?? s.userId,
      ...(reply?.threadTs ? { thread_ts: reply.threadTs } : {}),
    };
    try {
      await this.deps.client.chat.postMessage({
        ...target,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
    } catch (err) {
      // Slack refusing the blocks (e.g. a long dry-run preview) must not keep the link from arriving.
      const code = (err as { data?: { error?: unknown } }).data?.error;
      if (typeof code !== 'string' || !BLOCK_ERRORS.has(code)) throw err;
      await this.deps.client.chat.postMessage({ ...target, text: message.text, unfurl_links: false });
    }
    await this.deps.afterNotify?.(s).catch(() => undefined);
  }

  private async postStarNotice(s: Submission): Promise<void> {
    const { values } = readPayload(s.payload);
    const oncall = this.deps.oncall ? await this.deps.oncall.lookup('support') : undefined;
    const manager = oncall?.ok ? oncall.answer.people.find((p) => /manager/i.test(p.role ?? '')) : undefined;
    const mention = manager?.slackUserId ? mentionUser(manager.slackUserId) : undefined;
    const notice = starNotice({
      requesterId: s.userId,
      ticketUrl: values.ticket_link ?? '',
      urgency: label(URGENCY_OPTIONS, values.urgency),
      reason: label(STAR_REASONS, values.reason),
      ...(s.result?.url ? { issueUrl: s.result.url } : {}),
      ...(s.result?.ref ? { issueRef: s.result.ref } : {}),
      ...(mention ? { managerMention: mention } : {}),
    });
    await this.deps.client.chat.postMessage({
      channel: this.deps.settings.star.channel,
      text: notice.text,
      blocks: notice.blocks,
      unfurl_links: false,
    });
  }
}
