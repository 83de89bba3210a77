// Tells the requester how their request went: in the thread it came from (a mention), or by DM;
// when Slack refuses the DM (the app's Messages tab is off), in the channel they asked in, visible
// to them alone. Before that, once a request is filed for real, the follow-up steps of its form kind
// run (for a STAR, the notice in the STAR channel); the notifier knows them only by name.
// Delivery is at least once: if Slack fails, the row's lease expires and the worker tries again
// (a few times); steps already done are recorded on the row and skipped.
import type { RuleSet } from '../routing/types';
import { createDmRefusalReport, isDmRefused } from '../slack/dm-refused';
import { isTransientSlackError } from '../slack/transient';
import type { Submission } from '../store/types';
import type { Message } from '../views/blocks';
import { failedMessage, filedMessage } from '../views/forms/messages';
import type { ChatPoster } from '../slack/chat';
import { postWithFallback } from '../slack/post';
import type { FollowUpStep, Notifier, NotifyContext } from './types';

export type { ChatPoster } from '../slack/chat';

export interface NotifierDeps {
  client: ChatPoster;
  rules: RuleSet;
  /** The follow-up steps of a submission's form kind (the composition root reads them from the kinds). */
  followUps?: (s: Submission) => readonly FollowUpStep[];
  /** Status updates hook (src/status): where a notice went, so updates follow it; never throws. */
  onPosted?: (submissionId: string, role: PostedRole, place: PostedPlace) => Promise<void>;
}

/** Whose notice it was: the requester's, or a follow-up step's post (a STAR's channel notice). */
export type PostedRole = 'requester' | 'follow-up';

/** Where a notice was posted: a DM, a thread (a mention's, or a follow-up post's own), or ephemeral. */
export interface PostedPlace {
  kind: 'dm' | 'thread' | 'ephemeral';
  channel: string;
  threadTs?: string;
}

/** Slack answered, with an error that retrying will not change. */
const isPermanent = (err: unknown): boolean => !isTransientSlackError(err);

type Target = { channel: string; thread_ts?: string };

export class SlackNotifier implements Notifier {
  /** The operator hears once per process that DMs are refused, not once per request. */
  private readonly reportDmRefused = createDmRefusalReport();

  constructor(private readonly deps: NotifierDeps) {}

  /**
   * Each follow-up step happens once: it is recorded as done before the requester is told, so a
   * retry (the requester's message failed) skips it. A step Slack refuses for good (an archived
   * channel, a channel the bot left) is logged and not tried again.
   */
  async notify(s: Submission, context?: NotifyContext): Promise<void> {
    const title = this.deps.rules.byId.get(s.routeId)?.title ?? s.routeId;
    if (s.status === 'filed' && !s.result?.dryRun) {
      for (const followUp of this.deps.followUps?.(s) ?? []) {
        if (s.stepsDone.includes(followUp.step)) continue;
        const posted = await followUp.run().catch((err: unknown) => {
          if (!isPermanent(err)) throw err;
          context?.log.error({ err, step: followUp.step }, 'follow-up step refused; not retried');
          return undefined;
        });
        // Status updates hook: a request with a follow-up post (a STAR) gets its updates in that thread.
        if (posted?.ts)
          await this.deps.onPosted?.(s.id, 'follow-up', {
            kind: 'thread',
            channel: posted.channel,
            threadTs: posted.ts,
          });
        await context?.stepDone(followUp.step);
      }
    }
    const message = s.status === 'filed' ? filedMessage(s, title) : failedMessage(s, title);
    try {
      const place = await this.tellRequester(s, message, context);
      // Status updates hook: later updates go where this notice went.
      if (!s.result?.dryRun) await this.deps.onPosted?.(s.id, 'requester', place);
    } catch (err) {
      if (!isPermanent(err)) throw err;
      context?.log.error({ err }, 'Slack refused the message to the requester; not retried');
    }
  }

  /** In the thread when there is one (else by DM), then by DM, then where they asked (ephemeral). */
  private async tellRequester(
    s: Submission,
    message: Message,
    context?: NotifyContext,
  ): Promise<PostedPlace> {
    const dm: Target = { channel: s.userId };
    // A dry-run preview shows every answer the requester typed: it goes to them alone, never to a thread.
    const reply = s.result?.dryRun ? undefined : s.reply;
    if (reply?.channel) {
      const thread = { channel: reply.channel, ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}) };
      try {
        await this.post(thread, message);
        return {
          kind: 'thread',
          channel: thread.channel,
          ...(reply.threadTs ? { threadTs: reply.threadTs } : {}),
        };
      } catch (err) {
        // The thread's channel was archived, or the bot removed from it: the requester gets a DM.
        if (!isPermanent(err)) throw err;
        context?.log.warn({ err, channel: thread.channel }, 'cannot answer in the thread; sending a DM');
      }
    }
    try {
      await this.post(dm, message);
      return { kind: 'dm', channel: s.userId };
    } catch (err) {
      const asked = s.reply?.askedIn;
      if (!isDmRefused(err)) throw err;
      if (context) this.reportDmRefused(context.log, err);
      if (!asked) throw err;
      await this.postEphemeral(s.userId, asked, message);
      return {
        kind: 'ephemeral',
        channel: asked.channel,
        ...(asked.threadTs ? { threadTs: asked.threadTs } : {}),
      };
    }
  }

  /** Only the requester sees it; Slack keeps it until they reload, which is why a DM comes first. */
  private async postEphemeral(
    user: string,
    where: { channel: string; threadTs?: string },
    message: Message,
  ): Promise<void> {
    await this.deps.client.chat.postEphemeral({
      channel: where.channel,
      user,
      text: message.text,
      blocks: message.blocks,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    });
  }

  /** Posts the message; Slack refusing the blocks (e.g. a long preview) must not keep the link from arriving. */
  private post(target: Target, message: Message): Promise<void> {
    return postWithFallback(this.deps.client, undefined, { ...target, unfurl_links: false }, message);
  }
}
