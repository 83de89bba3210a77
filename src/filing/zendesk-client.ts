// The node-zendesk client the bot uses, created once at start. Three pitfalls of node-zendesk 6
// are handled here:
// - it has no timeout: our transport gives every request an AbortSignal;
// - customHeaders are client-wide: the per-request Idempotency-Key travels in an AsyncLocalStorage
//   context that our transport reads, so one client serves every submission;
// - a 429 (any response with Retry-After) resolves with an Error object as the result, and
//   statuses it does not know (502, 504) resolve as if they were a success: the transport records
//   the real status and headers, and the filer decides from those, never from node-zendesk's result.
// Its debug events carry the Authorization header, so debug stays off and they are never logged.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createClient } from 'node-zendesk';
import { foreignOriginError } from './errors';

export interface ZendeskCallContext {
  idempotencyKey?: string;
  timeoutMs: number;
  /** The filing attempt's signal (the worker stopping or losing the row), joined to the timeout. */
  signal?: AbortSignal;
  /** Set by the transport when our timeout aborted the call. */
  timedOut?: boolean;
  /** Filled by the transport: what the server really answered. */
  status?: number;
  headers?: Headers;
  /** A refusal's body (4xx), cut to ERROR_BODY_CHARS: the 422 `details` say which field was refused. */
  errorBody?: string;
}

const ERROR_BODY_CHARS = 20_000;

export const zendeskCallContext = new AsyncLocalStorage<ZendeskCallContext>();

interface TransportOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The transport for one Zendesk origin: the token is never sent anywhere else. */
export async function zendeskTransport(
  origin: string,
  uri: string,
  options: TransportOptions,
): Promise<Response> {
  if (new URL(uri).origin !== origin) throw foreignOriginError('Zendesk');
  const context = zendeskCallContext.getStore();
  const headers: Record<string, string> = { ...options.headers };
  if (context?.idempotencyKey) headers['Idempotency-Key'] = context.idempotencyKey;
  const timeout = AbortSignal.timeout(context?.timeoutMs ?? 15_000);
  const signal = context?.signal ? AbortSignal.any([timeout, context.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(uri, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
      redirect: 'error',
      signal,
    });
  } catch (err) {
    if (context) context.timedOut = signal.aborted;
    throw err;
  }
  if (context) {
    context.status = response.status;
    context.headers = response.headers;
    if (response.status >= 400 && response.status < 500)
      context.errorBody = (
        await response
          .clone()
          .text()
          .catch(() => '')
      ).slice(0, ERROR_BODY_CHARS);
  }
  return response;
}

/** The slice of node-zendesk the filer uses. */
export interface ZendeskTicketsApi {
  create(body: { ticket: object }): Promise<{ result: unknown }>;
  /** GET /api/v2/tickets?{type}={value}, every page; here `external_id`. */
  listWithFilter(type: string, value: string): Promise<unknown>;
}

export interface ZendeskClientOptions {
  /** e.g. https://gitlab.zendesk.com */
  url: string;
  email: string;
  token: string;
}

const silent = { fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop };
function noop(): void {}

function nodeZendesk(options: ZendeskClientOptions) {
  return createClient({
    username: options.email,
    token: options.token,
    endpointUri: `${options.url.replace(/\/+$/, '')}/api/v2`,
    throwOriginalException: true,
    debug: false,
    logger: silent,
    transportConfig: {
      transportFn: (uri: string, o: TransportOptions) =>
        zendeskTransport(new URL(options.url).origin, uri, o),
      responseAdapter: (r: Response) => ({
        json: () => r.json(),
        status: r.status,
        headers: { get: (name: string) => r.headers.get(name) },
        statusText: r.statusText,
      }),
    },
  });
}

export function createZendeskClient(options: ZendeskClientOptions): ZendeskTicketsApi {
  return nodeZendesk(options).tickets as unknown as ZendeskTicketsApi;
}

/** The reads status updates make (src/status); each answer is the API's JSON, for the caller to validate. */
export interface ZendeskReadApi {
  showTicket(id: number): Promise<unknown>;
  listComments(id: number): Promise<unknown>;
  showUsers(ids: number[]): Promise<unknown>;
}

/** node-zendesk's slice the reads use: show answers `{ result }`, getComments the whole list. */
interface ReadClient {
  tickets: { show(id: number): Promise<{ result: unknown }>; getComments(id: number): Promise<unknown> };
  users: { showMany(ids: number[]): Promise<{ result: unknown }> };
}

/** Status reads on a client built like the filer's, each call decided from the real HTTP status. */
export function createZendeskReader(
  options: ZendeskClientOptions,
  timeoutMs: number,
  call: (context: ZendeskCallContext, run: () => Promise<unknown>) => Promise<unknown>,
): ZendeskReadApi {
  // Not named like the Slack client: the manifest test takes those calls for Web API methods.
  const zendesk = nodeZendesk(options) as unknown as ReadClient;
  const read = (run: () => Promise<unknown>) => call({ timeoutMs }, run);
  return {
    showTicket: (id) => read(async () => (await zendesk.tickets.show(id)).result),
    listComments: (id) => read(() => zendesk.tickets.getComments(id)),
    showUsers: (ids) => read(async () => (await zendesk.users.showMany(ids)).result),
  };
}
