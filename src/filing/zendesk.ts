// Files Zendesk tickets with an Idempotency-Key derived from the submission: a retry after a lost
// response, a restart or a second replica replays the same key and Zendesk returns the first ticket.
import type { FiledResult } from '../store/types';
import { errorForStatus, errorForThrown, FilingError, timeoutError } from './errors';
import { idempotencyKey } from './keys';
import { zendeskCallContext, type ZendeskCallContext, type ZendeskTicketsApi } from './zendesk-client';
import type { FileContext, ZendeskTicketRequest } from './types';

const SERVICE = 'Zendesk';

export class ZendeskFiler {
  constructor(
    private readonly tickets: ZendeskTicketsApi,
    private readonly options: { url: string; timeoutMs: number },
  ) {}

  async file(request: ZendeskTicketRequest, context: FileContext): Promise<FiledResult> {
    const call: ZendeskCallContext = {
      idempotencyKey: idempotencyKey(context.key),
      timeoutMs: this.options.timeoutMs,
    };
    let result: unknown;
    try {
      ({ result } = await zendeskCallContext.run(call, () =>
        this.tickets.create({ ticket: request.ticket }),
      ));
    } catch (err) {
      // With throwOriginalException, known 4xx/5xx arrive here with statusCode; fetch failures without.
      const status = (err as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && call.status !== undefined)
        throw errorForStatus(SERVICE, call.status, call.headers?.get('retry-after'), Date.now());
      throw call.timedOut ? timeoutError(SERVICE) : errorForThrown(SERVICE, err);
    }
    // Decide from the real status: node-zendesk resolves on 429 (result is an Error) and on 502/504.
    const status = call.status ?? 0;
    if (status < 200 || status >= 300 || result instanceof Error)
      throw errorForStatus(SERVICE, status || 502, call.headers?.get('retry-after'), Date.now());
    const id = (result as { id?: unknown } | null)?.id;
    if (typeof id !== 'number')
      throw new FilingError('retryable', 'Zendesk returned an unexpected answer.', { service: SERVICE });
    const base = this.options.url.replace(/\/+$/, '');
    return { target: 'zendesk-ticket', url: `${base}/agent/tickets/${id}`, ref: `ticket ${id}` };
  }
}
