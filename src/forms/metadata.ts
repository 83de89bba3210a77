// The modal's private_metadata: which route it files, the option shown, and where the request came
// from. One encode/decode pair; the decoder is tolerant (anything unreadable gives undefined) and
// nothing in it is trusted for authorisation: the requester is always body.user.id.
import { z } from 'zod';
import { LIMITS } from '../slack/limits';

const schema = z.object({
  r: z.string().min(1).max(100),
  o: z.string().max(100).optional(),
  p: z.string().max(1000).optional(),
  c: z
    .string()
    .regex(/^[CDG][A-Z0-9]+$/)
    .optional(),
  t: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  a: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/)
    .optional(),
  at: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  g: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,32}$/)
    .optional(),
});

export interface FormMetadata {
  routeId: string;
  optionId?: string;
  permalink?: string;
  /** Channel and thread of the conversation the form was opened from (answers go back there). */
  channel?: string;
  threadTs?: string;
  /** Where the person asked, when the answer was only shown to them (an ephemeral, a command). */
  askedIn?: { channel: string; threadTs?: string };
  /** The triage answer the form was opened from (routing analytics: opened, then filed). */
  triageId?: string;
}

export function encodeMetadata(m: FormMetadata): string {
  const where = {
    c: m.channel,
    t: m.threadTs,
    a: m.askedIn?.channel,
    at: m.askedIn?.threadTs,
    g: m.triageId,
  };
  const full = JSON.stringify({ r: m.routeId, o: m.optionId, p: m.permalink, ...where });
  if (full.length <= LIMITS.privateMetadata) return full;
  return JSON.stringify({ r: m.routeId, o: m.optionId, ...where });
}

export function decodeMetadata(raw: string | undefined): FormMetadata | undefined {
  if (!raw) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const { r, o, p, c, t, a, at, g } = parsed.data;
  return {
    routeId: r,
    ...(o ? { optionId: o } : {}),
    ...(p ? { permalink: p } : {}),
    ...(c ? { channel: c } : {}),
    ...(t ? { threadTs: t } : {}),
    ...(a ? { askedIn: { channel: a, ...(at ? { threadTs: at } : {}) } } : {}),
    ...(g ? { triageId: g } : {}),
  };
}

/** Where the form came from (everything but the route and option), for a redraw of the same form. */
export function placeOf(m: FormMetadata): Omit<FormMetadata, 'routeId' | 'optionId'> {
  const { routeId: _route, optionId: _option, ...place } = m;
  return place;
}
