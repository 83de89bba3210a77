// response_url, as Slack documents it: a new message (ephemeral unless `response_type: in_channel`),
// or, with `replace_original` / `delete_original`, a change to the message the interaction came from
// (for a slash command, the answer its ack showed).
//   https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
import { z } from 'zod';
import { withIds } from './views';
import { BOT_USER, type Workspace } from './workspace';

export interface ResponseTarget {
  channel: string;
  threadTs?: string;
  /** The message a replace or delete applies to. */
  sourceTs?: string;
}

const truthy = z.preprocess((v) => v === true || v === 'true', z.boolean());
export const responseSchema = z.looseObject({
  text: z.string().optional(),
  blocks: z.array(z.looseObject({ type: z.string() })).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: truthy.optional(),
  delete_original: truthy.optional(),
  thread_ts: z.string().optional(),
});
export type ResponseBody = z.infer<typeof responseSchema>;

export class ResponseUrls {
  private readonly targets = new Map<string, ResponseTarget>();

  constructor(
    private readonly ws: Workspace,
    private readonly baseUrl: () => string,
  ) {}

  create(target: ResponseTarget): { url: string; target: ResponseTarget } {
    const token = this.ws.nextId('R');
    this.targets.set(token, target);
    return { url: `${this.baseUrl()}/respond/${token}`, target };
  }

  /** False when the token is unknown (Slack answers 404 to a response_url it never issued). */
  apply(token: string, body: ResponseBody): boolean {
    const target = this.targets.get(token);
    if (!target) return false;
    this.show(target, body);
    return true;
  }

  /** A message for the target: also how a slash command's ack body is shown. */
  show(target: ResponseTarget, body: ResponseBody): void {
    const { ws } = this;
    const source = target.sourceTs;
    if (body.delete_original) {
      if (source) ws.remove(target.channel, source);
      return;
    }
    const content = { text: body.text ?? '', blocks: withIds(body.blocks) };
    if (body.replace_original && source && ws.replace(target.channel, source, content)) return;
    const threadTs = body.thread_ts ?? target.threadTs;
    const posted = ws.post({
      channel: target.channel,
      user: BOT_USER,
      ...content,
      ...(body.response_type === 'in_channel' ? {} : { ephemeral: true }),
      ...(threadTs ? { threadTs } : {}),
    });
    // A later replace_original on the same URL changes this answer.
    target.sourceTs ??= posted.ts;
  }
}
