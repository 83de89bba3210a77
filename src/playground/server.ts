// The playground's one loopback HTTP server: the page (/, /client.js, /style.css, /state, /act),
// and the Slack stand-in the app talks to (/api/<method> for the Web API, /respond/<id> for
// response_url). Only loopback Host headers are served (no DNS rebinding), /act takes JSON only (a
// cross-site form cannot post it), and the page's Content-Security-Policy allows no inline script.
import http from 'node:http';
import { z } from 'zod';
import type { Controller } from './controller';
import { pageActionSchema } from './page-actions';
import type { AppSurfaces } from './manifest';
import { CLIENT_JS } from './client';
import { pageHtml, regions } from './render/page';
import type { Json } from './render/context';
import { type ResponseUrls, responseSchema } from './responses';
import { STYLE_CSS } from './style';
import { callMethod } from './web-api';
import type { Workspace } from './workspace';

const BODY_LIMIT = 1024 * 1024;
const LONG_POLL_MS = 20_000;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface PageServerDeps {
  ws: Workspace;
  surfaces: AppSurfaces;
  controller: Controller;
  responses: ResponseUrls;
  botToken: string;
  live: boolean;
  onError: (err: unknown) => void;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Web API arguments, form-encoded (objects as JSON strings) or JSON. */
export function apiArgs(body: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) {
    const parsed = z.record(z.string(), z.unknown()).safeParse(JSON.parse(body || '{}'));
    return parsed.success ? parsed.data : {};
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    let decoded: unknown = value;
    if (/^[[{]/.test(value))
      try {
        decoded = JSON.parse(value);
      } catch {
        decoded = value;
      }
    args[key] = decoded;
  }
  return args;
}

const send = (res: http.ServerResponse, status: number, type: string, body: string, extra = {}) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
};
const sendJson = (res: http.ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

export function createPageServer(d: PageServerDeps): http.Server {
  const state = () => ({ version: d.ws.version, regions: regions(d.ws, d.surfaces) });
  const routes: Record<
    string,
    (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>
  > = {
    'GET /': async (_q, res) =>
      send(res, 200, 'text/html; charset=utf-8', pageHtml(d.ws, d.surfaces, d.live), SECURITY_HEADERS),
    'GET /client.js': async (_q, res) =>
      send(res, 200, 'text/javascript; charset=utf-8', CLIENT_JS, SECURITY_HEADERS),
    'GET /style.css': async (_q, res) =>
      send(res, 200, 'text/css; charset=utf-8', STYLE_CSS, SECURITY_HEADERS),
    'GET /state': async (_q, res, url) => {
      const after = url.searchParams.get('after');
      if (after !== null) await d.ws.waitForChange(Number(after), LONG_POLL_MS);
      sendJson(res, 200, state());
    },
    'POST /act': async (req, res) => {
      if (!req.headers['content-type']?.startsWith('application/json'))
        return sendJson(res, 415, { error: 'JSON only' });
      const action = pageActionSchema.safeParse(JSON.parse((await readBody(req)) || '{}'));
      if (!action.success) return sendJson(res, 400, { error: 'not an action the page sends' });
      await d.controller.handle(action.data);
      sendJson(res, 200, state());
    },
  };
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'loopback only');
    const route = routes[`${req.method} ${url.pathname}`];
    const handled = route
      ? route(req, res, url)
      : url.pathname.startsWith('/api/') && req.method === 'POST'
        ? webApi(d, req, res, url.pathname.slice('/api/'.length))
        : url.pathname.startsWith('/respond/') && req.method === 'POST'
          ? respond(d, req, res, url.pathname.slice('/respond/'.length))
          : Promise.resolve(send(res, 404, 'text/plain', 'not found'));
    handled.catch((err: unknown) => {
      d.onError(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'playground error' });
    });
  });
}

async function webApi(
  d: PageServerDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
) {
  const args = apiArgs(await readBody(req), req.headers['content-type']);
  const token =
    req.headers.authorization?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : '');
  if (!token) return sendJson(res, 200, { ok: false, error: 'not_authed' });
  if (token !== d.botToken) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
  sendJson(res, 200, callMethod(method, args, { ws: d.ws, surfaces: d.surfaces }));
}

async function respond(
  d: PageServerDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  token: string,
) {
  const body = responseSchema.safeParse(JSON.parse((await readBody(req)) || '{}'));
  if (!body.success) return send(res, 400, 'text/plain', 'invalid_payload');
  d.ws.record({ method: 'response_url', args: body.data, ok: true });
  if (!d.responses.apply(token, body.data)) return send(res, 404, 'text/plain', 'no_active_hooks');
  send(res, 200, 'text/plain', 'ok');
}
