// Which ticket or issue a filed request became, read back from the filing result the outbox keeps
// (its link, built by the bot: `<ZENDESK_URL>/agent/tickets/<id>` or `<GITLAB_URL>/<project>/-/issues/<iid>`).
import { z } from 'zod';
import type { Place, TrackedRef } from './types';

const filedResult = z.object({
  target: z.enum(['gitlab-issue', 'zendesk-ticket']),
  url: z.string().optional(),
  dryRun: z.boolean().optional(),
});

const TICKET_PATH = /^\/agent\/tickets\/(\d{1,15})$/;
const ISSUE_PATH = /^\/(.+?)\/-\/issues\/(\d{1,10})$/;

/** The key a webhook is matched by: the ticket id, or the project path (lower case) and the iid. */
export function refKey(ref: TrackedRef): string {
  return ref.service === 'zendesk'
    ? `zendesk:${ref.ticketId}`
    : `gitlab:${ref.project.toLowerCase()}#${ref.iid}`;
}

/** The tracked ticket or issue and its link; undefined for a dry run or a result without a link. */
export function trackedRef(result: unknown): { ref: TrackedRef; url: string } | undefined {
  const parsed = filedResult.safeParse(result);
  if (!parsed.success || parsed.data.dryRun || !parsed.data.url || !URL.canParse(parsed.data.url))
    return undefined;
  const url = new URL(parsed.data.url);
  if (parsed.data.target === 'zendesk-ticket') {
    const m = TICKET_PATH.exec(url.pathname);
    return m ? { ref: { service: 'zendesk', ticketId: Number(m[1]) }, url: url.href } : undefined;
  }
  const m = ISSUE_PATH.exec(url.pathname);
  if (!m) return undefined;
  const project = m[1]!.split('/').map(decodeURIComponent).join('/');
  return { ref: { service: 'gitlab', project, iid: Number(m[2]) }, url: url.href };
}

const replyTarget = z.object({
  channel: z.string().optional(),
  threadTs: z.string().optional(),
  askedIn: z.object({ channel: z.string(), threadTs: z.string().optional() }).optional(),
});

/**
 * Where updates go: the STAR channel notice's thread for a STAR, else where the requester's filing
 * notice went (recorded when it was posted); a row from before that was recorded falls back to the
 * thread the request came from, or a DM.
 */
export function noticePlace(
  userId: string,
  places: { requester?: Place; followUp?: Place },
  reply: unknown,
): Place {
  if (places.followUp) return places.followUp;
  if (places.requester) return places.requester;
  const target = replyTarget.safeParse(reply ?? {});
  if (target.success && target.data.channel)
    return {
      kind: 'thread',
      channel: target.data.channel,
      ...(target.data.threadTs ? { threadTs: target.data.threadTs } : {}),
    };
  return { kind: 'dm', channel: userId };
}
