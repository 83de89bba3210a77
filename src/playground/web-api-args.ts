// The shape of a Web API method here, and how its arguments are read: form-encoded arguments carry
// objects as JSON strings, and a call whose arguments do not parse gets Slack's invalid_arguments.
import { z } from 'zod';
import type { AppSurfaces } from './manifest';
import type { Json } from './render/context';
import { SlackError } from './views';
import type { Workspace } from './workspace';

export interface ApiContext {
  ws: Workspace;
  surfaces: AppSurfaces;
}

export type Method = (args: Json, ctx: ApiContext) => Json;

/** Form-encoded Web API arguments carry objects as JSON strings. */
export const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, schema);

export function parse<T extends z.ZodType>(schema: T, args: Json): z.infer<T> {
  const result = schema.safeParse(args);
  if (!result.success) throw new SlackError('invalid_arguments');
  return result.data;
}
