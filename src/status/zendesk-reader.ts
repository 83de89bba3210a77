// Reads a Zendesk ticket for its status: status, assignee, and the latest public reply from an
// agent, through the bot's node-zendesk client (the token only to ZENDESK_URL, a timeout on every
// call, the real HTTP status decided on). Answers are checked with zod for the fields relied on.
//   GET /api/v2/tickets/{id}           https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
//   GET /api/v2/tickets/{id}/comments  https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
//   GET /api/v2/users/show_many?ids=   https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
// The comments are read only when the ticket changed since the last look (its updated_at moves with
// every comment), and the people only when a new id turns up: a quiet ticket costs one call.
import { z } from 'zod';
import type { ZendeskReadApi } from '../filing/zendesk-client';
import type { RemoteState, TrackedRef } from './types';

type ZendeskState = Extract<RemoteState, { service: 'zendesk' }>;

export const zendeskTicket = z.object({
  id: z.number(),
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
  updated_at: z.string(),
  requester_id: z.number().nullish(),
  assignee_id: z.number().nullish(),
});

const comment = z.object({
  id: z.number(),
  author_id: z.number(),
  public: z.boolean(),
  created_at: z.string(),
});
export const zendeskComments = z.array(comment);

export const zendeskUsers = z.array(
  z.object({ id: z.number(), name: z.string(), role: z.string(), email: z.string().nullish() }),
);

export interface ZendeskReadOptions {
  /** ZENDESK_EMAIL: the bot's own comments (the ticket's first one, on behalf of a customer) are not replies. */
  botEmail?: string;
}

export async function readZendeskTicket(
  api: ZendeskReadApi,
  ref: Extract<TrackedRef, { service: 'zendesk' }>,
  before: ZendeskState | undefined,
  options: ZendeskReadOptions = {},
): Promise<RemoteState> {
  const ticket = zendeskTicket.parse(await api.showTicket(ref.ticketId));
  const unchanged = before && before.updatedAt === ticket.updated_at;
  // The first comment is the ticket's description (the request as filed), never a reply.
  const comments = unchanged ? [] : zendeskComments.parse(await api.listComments(ref.ticketId)).slice(1);
  const candidates = comments
    .filter((c) => c.public && c.author_id !== ticket.requester_id)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  const known = new Map<number, string>();
  if (before?.assignee?.id !== undefined) known.set(Number(before.assignee.id), before.assignee.name);
  const wanted = [
    ...new Set([...candidates.map((c) => c.author_id), ...(ticket.assignee_id ? [ticket.assignee_id] : [])]),
  ];
  const people = wanted.some((id) => !known.has(id)) ? zendeskUsers.parse(await api.showUsers(wanted)) : [];
  const agents = new Map(
    people
      .filter(
        (p) =>
          (p.role === 'agent' || p.role === 'admin') &&
          p.email?.toLowerCase() !== options.botEmail?.toLowerCase(),
      )
      .map((p) => [p.id, p.name]),
  );
  const nameOf = (id: number) => agents.get(id) ?? known.get(id) ?? people.find((p) => p.id === id)?.name;
  const reply = [...candidates].reverse().find((c) => agents.has(c.author_id));
  const lastReply = unchanged
    ? before?.lastReply
    : reply
      ? { id: reply.id, author: agents.get(reply.author_id)!, at: reply.created_at }
      : before?.lastReply;
  const assigneeName = ticket.assignee_id ? nameOf(ticket.assignee_id) : undefined;
  return {
    service: 'zendesk',
    status: ticket.status,
    updatedAt: ticket.updated_at,
    ...(ticket.assignee_id && assigneeName
      ? { assignee: { id: ticket.assignee_id, name: assigneeName } }
      : {}),
    ...(lastReply ? { lastReply } : {}),
  };
}
