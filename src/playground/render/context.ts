// What a Block Kit renderer needs besides the blocks: names for mentions, the view's current values
// and errors (modals), and unique element ids for labels.
import type { Names } from './mrkdwn';

/** Slack's view state: values[block_id][action_id] = { type, value | selected_option(s) | selected_date }. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface RenderContext {
  names: Names;
  state?: StateValues;
  /** response_action: errors, by block_id. */
  errors?: Record<string, string>;
  /** Makes element ids unique in the page (one renderer per message or view). */
  idPrefix: string;
}

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

/** An id attribute built only from safe characters. */
export const domId = (ctx: RenderContext, ...parts: string[]): string =>
  [ctx.idPrefix, ...parts].join('-').replace(/[^A-Za-z0-9_-]/g, '_');
