// Builds status updates once at start, on the open store: the API readers (the bot's GitLab and
// Zendesk clients, created like the filer's), the worker and the webhook intake. main starts and
// stops it; the HTTP server's webhook routes and the filing notice's hook reach it through AppDeps.
import type { PostedRole } from '../filing/notify';
import type { Config } from '../config';
import type { ChatPoster } from '../filing/notify';
import type { Timing } from '../filing/timing';
import { createGitlabClient } from '../filing/gitlab-client';
import { callZendesk } from '../filing/zendesk';
import { createZendeskReader } from '../filing/zendesk-client';
import type { Logger } from '../logger';
import type { RuleSet } from '../routing/types';
import type { FilingStore } from '../store/types';
import { readGitlabIssue } from './gitlab-reader';
import type { Place, Watch } from './types';
import type { WebhookIntake } from './webhooks';
import { StatusWorker, type ReadState, type StatusWorkerOptions } from './worker';
import { readZendeskTicket } from './zendesk-reader';

export interface StatusServiceDeps {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  store: FilingStore;
  client: ChatPoster;
  timing?: Timing;
  owner?: string;
  idleMs?: number;
  afterNotice?: (watch: Watch) => Promise<void>;
  checksPerMinute?: StatusWorkerOptions['checksPerMinute'];
}

export interface StatusService {
  worker: StatusWorker;
  intake: WebhookIntake;
  /** The filing notice's hook: where a notice was posted, so updates go to the same place. */
  noticePosted(submissionId: string, role: PostedRole, place: Place): Promise<void>;
  /** Current status labels for My requests and /support status; empty when the store does not answer. */
  labels(submissionIds: readonly string[]): Promise<Map<string, string>>;
  start(): void;
  stop(): Promise<void>;
}

function readers(config: Config): { zendesk?: ReadState; gitlab?: ReadState } {
  const out: { zendesk?: ReadState; gitlab?: ReadState } = {};
  if (config.GITLAB_TOKEN) {
    const api = createGitlabClient({
      host: config.GITLAB_URL,
      token: config.GITLAB_TOKEN,
      timeoutMs: config.FILING_TIMEOUT_MS,
    });
    out.gitlab = (w) =>
      w.ref?.service === 'gitlab'
        ? readGitlabIssue(api.Issues, w.ref)
        : Promise.reject(new Error('not an issue'));
  }
  if (config.ZENDESK_URL && config.ZENDESK_EMAIL && config.ZENDESK_API_TOKEN) {
    const api = createZendeskReader(
      { url: config.ZENDESK_URL, email: config.ZENDESK_EMAIL, token: config.ZENDESK_API_TOKEN },
      config.FILING_TIMEOUT_MS,
      callZendesk,
    );
    const botEmail = config.ZENDESK_EMAIL;
    out.zendesk = (w) =>
      w.ref?.service === 'zendesk'
        ? readZendeskTicket(api, w.ref, w.snapshot?.service === 'zendesk' ? w.snapshot : undefined, {
            botEmail,
          })
        : Promise.reject(new Error('not a ticket'));
  }
  return out;
}

export function createStatusService(deps: StatusServiceDeps): StatusService {
  const { config, store, logger } = deps;
  const now = () => deps.timing?.now() ?? Date.now();
  const log = logger.child({ module: 'status' });
  const worker = new StatusWorker({
    store: store.status,
    readers: readers(config),
    client: deps.client,
    titleOf: (routeId) => deps.rules.byId.get(routeId)?.title ?? routeId,
    logger: log,
    pollMs: config.STATUS_POLL_SECONDS * 1000,
    leaseMs: config.FILING_LEASE_MS,
    ...(deps.timing ? { timing: deps.timing } : {}),
    ...(deps.owner ? { owner: deps.owner } : {}),
    ...(deps.idleMs !== undefined ? { idleMs: deps.idleMs } : {}),
    ...(deps.afterNotice ? { afterNotice: deps.afterNotice } : {}),
    ...(deps.checksPerMinute ? { checksPerMinute: deps.checksPerMinute } : {}),
  });
  const intake: WebhookIntake = {
    ...(config.ZENDESK_WEBHOOK_SECRET ? { zendeskSecret: config.ZENDESK_WEBHOOK_SECRET } : {}),
    ...(config.GITLAB_WEBHOOK_SECRET ? { gitlabSecret: config.GITLAB_WEBHOOK_SECRET } : {}),
    logger: log,
    async record(key, deliveryId) {
      const result = await store.status.requestCheck(key, deliveryId, now());
      if (result === 'recorded') worker.wake();
      return result;
    },
  };
  return {
    worker,
    intake,
    async noticePosted(submissionId, role, place) {
      // Losing this only sends later updates to the DM (or the request's thread): logged, never thrown.
      await store.status
        .recordPlace(submissionId, role, place, now())
        .catch((err: unknown) =>
          log.warn({ err, submission: submissionId }, 'could not record where the filing notice went'),
        );
      worker.wake();
    },
    labels: (ids) => store.status.labels(ids).catch(() => new Map<string, string>()),
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}
