// Transport only: the HTTP receiver (one request URL, /slack/events, plus GET /healthz and /readyz) or the
// Socket Mode receiver. A custom receiver ignores App-level signingSecret and processBeforeResponse,
// so both are set here. Anyone on the internet can reach the request URL, and Bolt buffers the whole
// body before it verifies the signature, so the cheap refusals come first, from the headers alone:
// a body over the cap, a signature that is not `v0=<64 hex>`, a timestamp that is not an integer
// within ±5 minutes (Bolt only rejects old ones). The server drops slow or idle clients quickly and
// bounds its connections.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { HTTPReceiver, SocketModeReceiver, type CustomRoute, type Receiver, type webApi } from '@slack/bolt';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';

export const EVENTS_PATH = '/slack/events';
export const HEALTHZ_PATH = '/healthz';
export const READYZ_PATH = '/readyz';
/** Slack's largest payloads (view submissions) are tens of kB; 1 MiB leaves room and caps abuse. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_CLOCK_SKEW_S = 5 * 60;
/** Slack sends its headers and its small bodies at once; a client this slow is not Slack. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_CONNECTIONS = 512;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export interface ReceiverOptions {
  logger: Logger;
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Socket Mode serves /healthz on this port; HTTP mode takes the port at start(). */
  port: number;
  /** Tests shorten Bolt's 3 s "not acknowledged" timer. */
  unhandledRequestTimeoutMillis?: number;
  /** Web API options for the Socket Mode client's apps.connections.open (timeout, GovSlack URL). */
  clientOptions?: webApi.WebClientOptions;
  /** /readyz answers 200 only when this resolves true (the store answers, the rules are loaded). */
  ready?: () => Promise<boolean>;
  /** More routes on the bot's port (the status webhooks), each verifying its own requests. */
  routes?: CustomRoute[];
}

const healthz = {
  path: HEALTHZ_PATH,
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/** GET /readyz: 200 when ready, 503 otherwise (a replica a load balancer should skip for now). */
function readyz(ready: () => Promise<boolean>) {
  return {
    path: READYZ_PATH,
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      ready().then(
        (ok) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok }));
        },
        () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false}'),
      );
    },
  };
}

/** Answers at once and closes the connection: the body is never buffered nor verified. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): false {
  res.writeHead(status, { connection: 'close' }).end();
  req.resume(); // discarded as it arrives, so a client still sending is not left hanging
  return false;
}

/** Refuses before buffering: a declared oversize body (413), a malformed signature or timestamp (401). */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  nowS = Date.now() / 1000,
  exempt: readonly string[] = [],
): boolean {
  if (req.method !== 'POST') return true;
  // The extra routes (status webhooks) are not Slack's: they check their own signatures.
  if (exempt.includes((req.url ?? '').split('?')[0] ?? '')) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > BODY_LIMIT_BYTES) return refuse(req, res, 413);
  const signature = req.headers['x-slack-signature'];
  const stamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return refuse(req, res, 401);
  if (typeof stamp !== 'string' || !TIMESTAMP.test(stamp)) return refuse(req, res, 401);
  if (Math.abs(Number(stamp) - nowS) > MAX_CLOCK_SKEW_S) return refuse(req, res, 401);
  return true;
}

export function createReceiver(opts: ReceiverOptions): Receiver {
  const logger = boltLogger(opts.logger);
  const extra = opts.routes ?? [];
  const customRoutes = [healthz, readyz(opts.ready ?? (async () => true)), ...extra];
  const exempt = extra.map((r) => r.path);
  if (opts.appToken)
    return new SocketModeReceiver({
      appToken: opts.appToken,
      logger,
      customRoutes,
      installerOptions: {
        port: opts.port,
        ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
      },
    });
  if (!opts.signingSecret) throw new Error('HTTP mode needs a signing secret');
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret,
    endpoints: [EVENTS_PATH],
    customRoutes,
    processBeforeResponse: false,
    signatureVerification: true,
    bodyLimit: BODY_LIMIT_BYTES,
    logger,
    ...(opts.unhandledRequestTimeoutMillis
      ? { unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis }
      : {}),
  });
  // HTTPReceiver's server calls this.requestListener per request, so wrapping it adds the guard.
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (guardRequest(req, res, Date.now() / 1000, exempt)) inner(req, res);
  };
  // Node waits up to 60 s for headers and 300 s for a request by default, with no connection limit.
  const start = receiver.start.bind(receiver) as (port: number, options?: ServerOptions) => Promise<Server>;
  receiver.start = (async (port: number, options: ServerOptions = {}) => {
    const server = await start(port, {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      ...options,
    });
    server.maxConnections = MAX_CONNECTIONS;
    return server;
  }) as typeof receiver.start;
  return receiver;
}
