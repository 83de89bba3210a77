// Builds the filing side once at start: the store (migrated), the GitLab and Zendesk clients, the
// worker and the notifier. It knows no form: how a submission becomes a request (`prepare`) and
// what follows filing (`followUps`) come from the composition root. The listeners submit through
// it; main starts and stops it.
import { leaseProblems, type Config } from '../config';
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
  /** Where a submission will be filed, known before any preparation (the form kinds' target). */
  targetOf?: WorkerOptions['targetOf'];
  store?: FilingStore;
  timing?: Timing;
  owner?: string;
  /** Called once after each notification is recorded (main refreshes the requester's App Home). */
  afterNotify?: (submission: Submission) => Promise<void>;
  /** Each final filing outcome (metrics, routing analytics). */
  onOutcome?: WorkerOptions['onOutcome'];
  /** Status updates hook (src/status): where each filing notice was posted. */
  onNoticePosted?: NotifierDeps['onPosted'];
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
  const unfit = leaseProblems(config);
  if (unfit.length > 0) throw new Error(unfit.join('; '));
  const store = deps.store ?? (await openStore(storeLocation(config)));
  // SQLite: this process now owns the file, so requests a killed predecessor held are due at once.
  const freed = await store.recover(deps.timing?.now() ?? Date.now()).catch(async (err: unknown) => {
    if (!deps.store) await store.close().catch(() => undefined);
    throw err;
  });
  if (freed > 0) logger.info({ freed }, 'requests in flight when the bot last stopped are due again');
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
      ...(deps.onNoticePosted ? { onPosted: deps.onNoticePosted } : {}),
    }),
    logger: logger.child({ module: 'filing' }),
    mode: config.FILING_MODE,
    leaseMs: config.FILING_LEASE_MS,
    pollMs: config.FILING_POLL_MS,
    concurrency: config.FILING_CONCURRENCY,
    ...(deps.timing ? { timing: deps.timing } : {}),
    ...(deps.owner ? { owner: deps.owner } : {}),
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
    ...(deps.afterNotify ? { afterNotify: deps.afterNotify } : {}),
    ...(deps.targetOf ? { targetOf: deps.targetOf } : {}),
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
      // Every loop has ended (rows still in flight handed back) before the store closes under them.
      await worker.stop();
      await store.close();
    },
  };
}
