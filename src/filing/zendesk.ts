// Files Zendesk tickets so that no retry makes a second one. Each ticket carries the submission's
// key twice: as the Idempotency-Key header (a replay within Zendesk's window returns the first
// ticket) and as the ticket's external_id. The key expires, so any attempt that may follow a created
// ticket first looks the ticket up by external_id: the Zendesk twin of the GitLab issue marker.
import type { FiledResult } from '../store/types';
import { errorForStatus, errorForThrown, FilingError, timeoutError } from './errors';
import { idempotencyKey } from './keys';
import { zendeskRefusal } from './zendesk-errors';
import { zendeskCallContext, type ZendeskCallContext, type ZendeskTicketsApi } from './zendesk-client';
import type { FileContext, ZendeskTicketRequest } from './types';

const SERVICE = 'Zendesk';

export class ZendeskFiler {
  constructor(
    private readonly tickets: ZendeskTicketsApi,
    private readonly options: { url: string; timeoutMs: number },
  ) {}

  async file(request: ZendeskTicketRequest, context: FileContext): Promise<FiledResult> {
    const key = idempotencyKey(context.key);
    const calls = {
      timeoutMs: this.options.timeoutMs,
      ...(context.signal ? { signal: context.signal } : {}),
    };
    if (context.mayExist) {
      const found = await this.call({ ...calls }, () => this.tickets.listWithFilter('external_id', key));
      const existing = Array.isArray(found) ? found.find((t) => ticketId(t, key) !== undefined) : undefined;
      if (existing) return this.result(ticketId(existing, key)!);
    }
    // Right before the create: the lookup above may have outlasted a lease another worker took.
    await context.beforeWrite?.();
    const created = await this.call({ ...calls, idempotencyKey: key }, async () => {
      const { result } = await this.tickets.create({ ticket: { ...request.ticket, external_id: key } });
      return result;
    });
    const id = (created as { id?: unknown } | null)?.id;
    if (typeof id !== 'number')
      throw new FilingError('retryable', 'Zendesk returned an unexpected answer.', { service: SERVICE });
    return this.result(id);
  }

  private call(call: ZendeskCallContext, run: () => Promise<unknown>): Promise<unknown> {
    return callZendesk(call, run);
  }

  private result(id: number): FiledResult {
    const base = this.options.url.replace(/\/+$/, '');
    return { target: 'zendesk-ticket', url: `${base}/agent/tickets/${id}`, ref: `ticket ${id}` };
  }
}

/** One Zendesk call; any failure becomes a FilingError decided from the real status (also used by src/status). */
export async function callZendesk(call: ZendeskCallContext, run: () => Promise<unknown>): Promise<unknown> {
  let result: unknown;
  try {
    result = await zendeskCallContext.run(call, run);
  } catch (err) {
    // With throwOriginalException, known 4xx/5xx arrive here with statusCode; fetch failures without.
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && call.status !== undefined) throw refused(call);
    throw call.timedOut ? timeoutError(SERVICE) : errorForThrown(SERVICE, err);
  }
  // node-zendesk resolves on 429 (result is an Error) and on 502/504: decide from the real status.
  const status = call.status ?? 0;
  if (status < 200 || status >= 300 || result instanceof Error) throw refused(call, status || 502);
  return result;
}

function refused(call: ZendeskCallContext, status = call.status ?? 502): FilingError {
  if (status === 422) return zendeskRefusal(call.errorBody);
  return errorForStatus(SERVICE, status, call.headers?.get('retry-after'), Date.now());
}

/** The ticket's id when it is really the one with this external_id (a list may hold anything). */
function ticketId(ticket: unknown, externalId: string): number | undefined {
  const t = ticket as { id?: unknown; external_id?: unknown } | null;
  return t && t.external_id === externalId && typeof t.id === 'number' ? t.id : undefined;
}
