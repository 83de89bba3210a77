// What the page may ask for, validated at the edge: the page script sends these to POST /act.
import { z } from 'zod';
import { pageValuesSchema } from './values';

const value = z.union([z.string().max(4000), z.array(z.string().max(4000)).max(100)]);

export const pageActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string().trim().min(1).max(4000),
    thread: z.string().optional(),
  }),
  z.object({ type: z.literal('surface'), surface: z.enum(['channel', 'home', 'dm']) }),
  z.object({ type: z.literal('thread'), ts: z.string().optional() }),
  z.object({ type: z.literal('global_shortcut') }),
  z.object({ type: z.literal('message_shortcut'), channel: z.string(), ts: z.string() }),
  z.object({
    type: z.literal('block_action'),
    /** "message:<channel>:<ts>" or "view:<view id>". */
    container: z.string(),
    block: z.string(),
    action: z.string(),
    value: value.optional(),
    values: pageValuesSchema.optional(),
  }),
  z.object({ type: z.literal('submit'), view: z.string(), values: pageValuesSchema }),
  z.object({ type: z.literal('close'), view: z.string() }),
]);

export type PageAction = z.infer<typeof pageActionSchema>;
export type ActionOf<K extends PageAction['type']> = Extract<PageAction, { type: K }>;
