// What a verified webhook body says changed, validated with zod: only which ticket or issue (the
// API is the truth for everything else). Anything that names no ticket or issue is acknowledged
// and ignored.
import { z } from 'zod';
import { refKey } from './ref';

const ticketIdValue = z
  .union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/)])
  .transform(Number);

/**
 * The trigger's own body (`{"ticket_id": "{{ticket.id}}"}`), a body that carries the ticket, or a
 * Zendesk event webhook (`type` zen:event-type:ticket.*, the ticket id in `detail.id`):
 *   https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/
 */
const zendeskBody = z.union([
  z.object({ ticket_id: ticketIdValue }),
  z.object({ ticket: z.object({ id: ticketIdValue }) }),
  z.object({
    type: z.string().startsWith('zen:event-type:ticket.'),
    detail: z.object({ id: ticketIdValue }),
  }),
]);

export function zendeskRefKey(body: unknown): string | undefined {
  const parsed = zendeskBody.safeParse(body);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  const ticketId = 'ticket_id' in d ? d.ticket_id : 'ticket' in d ? d.ticket.id : d.detail.id;
  return refKey({ service: 'zendesk', ticketId });
}

/** Issue and comment events, confidential ones included (STAR issues are confidential). */
export const GITLAB_EVENTS = new Set([
  'Issue Hook',
  'Confidential Issue Hook',
  'Note Hook',
  'Confidential Note Hook',
]);

const project = z.object({ path_with_namespace: z.string().min(1).max(500) });
const iid = z.number().int().positive();

/**
 * Issue events carry the issue in `object_attributes`; comment events carry it in `issue`
 * (`object_attributes.noteable_type` "Issue"):
 *   https://docs.gitlab.com/user/project/integrations/webhook_events/#work-item-events
 *   https://docs.gitlab.com/user/project/integrations/webhook_events/#comment-on-an-issue
 */
const gitlabBody = z.union([
  z.object({ object_kind: z.literal('issue'), project, object_attributes: z.object({ iid }) }),
  z.object({
    object_kind: z.literal('note'),
    project,
    object_attributes: z.object({ noteable_type: z.literal('Issue') }),
    issue: z.object({ iid }),
  }),
]);

export function gitlabRefKey(body: unknown): string | undefined {
  const parsed = gitlabBody.safeParse(body);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  const issue = d.object_kind === 'issue' ? d.object_attributes.iid : d.issue.iid;
  return refKey({ service: 'gitlab', project: d.project.path_with_namespace, iid: issue });
}
