// Small Block Kit constructors shared by the view builders; each applies Slack's limits itself.
import type { types } from '@slack/bolt';
import { clip, LIMITS } from '../slack/limits';

export type Block = types.KnownBlock;

/** A message body: `text` is the notification fallback, `blocks` what Slack renders. */
export interface Message {
  text: string;
  blocks: Block[];
}

export const mrkdwnSection = (text: string): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) },
});

export const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: clip(t, LIMITS.textObject) })),
});

export const plain = (text: string, max: number = LIMITS.textObject): types.PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
});

export function button(
  text: string,
  actionId: string,
  opts: { value?: string; url?: string; style?: 'primary' | 'danger' } = {},
): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    ...(opts.value !== undefined ? { value: clip(opts.value, LIMITS.buttonValue) } : {}),
    ...(opts.url ? { url: opts.url } : {}),
    ...(opts.style ? { style: opts.style } : {}),
  };
}

export const option = (text: string, value: string): types.PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value,
});

export const fallbackText = (text: string): string => clip(text, LIMITS.messageText);

/** Slack's date token: shown in the reader's own time zone, with `fallback` where it cannot be. */
export function slackDate(at: Date | number, fallback: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}
