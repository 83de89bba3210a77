// POST /webhooks/zendesk and /webhooks/gitlab on the bot's HTTP port. Each request is authenticated
// before its body is read, when the headers suffice (GitLab's token; Zendesk's signature shape and
// timestamp window), and before anything is parsed otherwise (Zendesk's HMAC covers the body).
// A webhook only says "look at this ticket": it is answered 200 once the check is recorded in the
// store; the lookup and the notice run afterwards, in the status worker.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { GITLAB_EVENTS, gitlabRefKey, zendeskRefKey } from './payloads';
import { gitlabSigned, zendeskSignatureHeaders, zendeskSigned } from './signatures';
import type { RecordResult } from './types';

export const ZENDESK_WEBHOOK_PATH = '/webhooks/zendesk';
export const GITLAB_WEBHOOK_PATH = '/webhooks/gitlab';
export const WEBHOOK_PATHS: readonly string[] = [ZENDESK_WEBHOOK_PATH, GITLAB_WEBHOOK_PATH];

/** Zendesk's bodies here are a trigger's few bytes or an event of a few kB. */
export const ZENDESK_BODY_LIMIT = 256 * 1024;
/** GitLab's issue events carry the description (up to 1 MB of text) and its previous version. */
export const GITLAB_BODY_LIMIT = 8 * 1024 * 1024;

export interface WebhookIntake {
  zendeskSecret?: string;
  gitlabSecret?: string;
  logger: Logger;
  /** Records that this ticket or issue is to be looked at; throws when the store does not answer. */
  record(refKey: string, deliveryId: string | undefined): Promise<RecordResult>;
}

class TooLarge extends Error {}

function answer(res: ServerResponse, status: number, body?: object): void {
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
}

/** Answers without reading the body; the connection closes, so a client still sending is cut off. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  res.writeHead(status, { connection: 'close' }).end();
  req.resume();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

const headerOf = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' && v.length <= 200 ? v : undefined;
};

type Verified = { body: Buffer } | { status: number };

async function verifiedBody(
  req: IncomingMessage,
  limit: number,
  check: (body: Buffer) => boolean,
): Promise<Verified> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return { status: 413 };
  try {
    const body = await readBody(req, limit);
    return check(body) ? { body } : { status: 401 };
  } catch (err) {
    return { status: err instanceof TooLarge ? 413 : 400 };
  }
}

async function recordCheck(
  intake: WebhookIntake,
  res: ServerResponse,
  key: string | undefined,
  deliveryId: string | undefined,
  service: string,
): Promise<void> {
  if (!key) return answer(res, 200, { ok: true, result: 'ignored' });
  try {
    const result = await intake.record(key, deliveryId);
    intake.logger.info({ service, ref: key, deliveryId, result }, 'status webhook');
    answer(res, 200, { ok: true, result: result === 'unknown' ? 'ignored' : result });
  } catch (err) {
    // Not recorded: a vendor that retries will try again (the poller catches up either way).
    intake.logger.error({ err, service, ref: key }, 'status webhook not recorded: the store did not answer');
    answer(res, 503, { ok: false });
  }
}

export async function handleZendesk(
  intake: WebhookIntake,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const secret = intake.zendeskSecret;
  if (!secret) return refuse(req, res, 404);
  const signed = zendeskSignatureHeaders(req.headers, Date.now());
  if (!signed) return refuse(req, res, 401);
  const verified = await verifiedBody(req, ZENDESK_BODY_LIMIT, (body) => zendeskSigned(secret, signed, body));
  if ('status' in verified) return refuse(req, res, verified.status);
  const key = zendeskRefKey(parseJson(verified.body));
  await recordCheck(intake, res, key, headerOf(req, 'x-zendesk-webhook-invocation-id'), 'zendesk');
}

export async function handleGitlab(
  intake: WebhookIntake,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const secret = intake.gitlabSecret;
  if (!secret) return refuse(req, res, 404);
  if (!gitlabSigned(req.headers, secret)) return refuse(req, res, 401);
  // Other events (a push, the settings page's test delivery) are not about an issue.
  if (!GITLAB_EVENTS.has(headerOf(req, 'x-gitlab-event') ?? '')) return refuse(req, res, 200);
  const verified = await verifiedBody(req, GITLAB_BODY_LIMIT, () => true);
  if ('status' in verified) return refuse(req, res, verified.status);
  const key = gitlabRefKey(parseJson(verified.body));
  await recordCheck(intake, res, key, headerOf(req, 'x-gitlab-event-uuid'), 'gitlab');
}

/** Bolt custom routes; `intake` is read per request (the store opens after the app is built). */
export function webhookRoutes(intake: WebhookIntake) {
  const route = (path: string, handle: typeof handleZendesk) => ({
    path,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      handle(intake, req, res).catch(() => {
        if (!res.headersSent) refuse(req, res, 500);
      });
    },
  });
  return [route(ZENDESK_WEBHOOK_PATH, handleZendesk), route(GITLAB_WEBHOOK_PATH, handleGitlab)];
}
