// Builds the filing side once at start: the store (migrated), the GitLab and Zendesk clients, the
// worker and the notifier. It knows no form: how a submission becomes a request (`prepare`) and
// what follows filing (`followUps`) come from the composition root. The listeners submit through
// it; main starts and stops it.
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RuleSet } from '../routing/types';
import { openStore, storeLocation, type FilingStore } from '../store';
import type { EnqueueResult, NewSubmission, Submission } from '../store/types';
import { createFiler } from './filer';
import { GitlabFiler } from './gitlab';
import { createGitlabClient } from './gitlab-client';
import { SlackNotifier, type ChatPoster, type NotifierDeps } from './notify';
import type { PrepareFiling } from './types';
import { FilingWorker, type Timing, type WorkerOptions } from './worker';
import { ZendeskFiler } from './zendesk';
import { createZendeskClient } from './zendesk-client';

export interface FilingServiceDeps {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  slack: ChatPoster;
  /** A stored submission -> what to file (the form kinds' plans). */
  prepare: PrepareFiling;
  /** The follow-up steps of a filed request (the form kinds' afterFiled). */
  followUps?: NotifierDeps['followUps'];
  store?: FilingStore;
  timing?: Timing;
  owner?: string;
  /** Called after each notification (main refreshes the requester's App Home). */
  afterNotify?: (submission: Submission) => Promise<void>;
  /** Each final filing outcome (metrics, routing analytics). */
  onOutcome?: WorkerOptions['onOutcome'];
}

export interface FilingService {
  store: FilingStore;
  worker: FilingWorker;
  mode: Config['FILING_MODE'];
  /** Stores the submission (once per id) and wakes the worker. Call before the ack. */
  submit(input: NewSubmission): Promise<EnqueueResult>;
  start(): void;
  stop(): Promise<void>;
}

export async function createFilingService(deps: FilingServiceDeps): Promise<FilingService> {
  const { config, logger } = deps;
  const store = deps.store ?? (await openStore(storeLocation(config)));
  const gitlab = config.GITLAB_TOKEN
    ? new GitlabFiler(
        createGitlabClient({
          host: config.GITLAB_URL,
          token: config.GITLAB_TOKEN,
          timeoutMs: config.FILING_TIMEOUT_MS,
        }),
        {
          baseUrl: config.GITLAB_URL,
          onTemplateFallback: (project, template, reason) =>
            logger.warn({ project, template, reason }, 'issue template not fetched; using the built-in body'),
        },
      )
    : undefined;
  const zendesk =
    config.ZENDESK_URL && config.ZENDESK_EMAIL && config.ZENDESK_API_TOKEN
      ? new ZendeskFiler(
          createZendeskClient({
            url: config.ZENDESK_URL,
            email: config.ZENDESK_EMAIL,
            token: config.ZENDESK_API_TOKEN,
          }),
          {
            url: config.ZENDESK_URL,
            timeoutMs: config.FILING_TIMEOUT_MS,
          },
        )
      : undefined;
  const worker = new FilingWorker({
    store,
    prepare: deps.prepare,
    filer: createFiler({ ...(gitlab ? { gitlab } : {}), ...(zendesk ? { zendesk } : {}) }),
    notifier: new SlackNotifier({
      client: deps.slack,
      rules: deps.rules,
      ...(deps.followUps ? { followUps: deps.followUps } : {}),
      ...(deps.afterNotify ? { afterNotify: deps.afterNotify } : {}),
    }),
    logger: logger.child({ module: 'filing' }),
    mode: config.FILING_MODE,
    leaseMs: config.FILING_LEASE_MS,
    pollMs: config.FILING_POLL_MS,
    concurrency: config.FILING_CONCURRENCY,
    ...(deps.timing ? { timing: deps.timing } : {}),
    ...(deps.owner ? { owner: deps.owner } : {}),
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
  });
  return {
    store,
    worker,
    mode: config.FILING_MODE,
    async submit(input) {
      const result = await store.enqueue(input, deps.timing?.now() ?? Date.now());
      if (result.created) worker.wake();
      return result;
    },
    start: () => worker.start(),
    async stop() {
      await worker.stop();
      await store.close();
    },
  };
}
