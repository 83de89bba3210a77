// Builds the filing side once at start: the store (migrated), the GitLab and Zendesk clients, the
// worker and the notifier. The Slack app's listeners submit through it; main starts and stops it.
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { OncallService } from '../oncall/types';
import type { RuleSet } from '../routing/types';
import { openStore, storeLocation, type FilingStore } from '../store';
import type { EnqueueResult, NewSubmission, Submission } from '../store/types';
import { createPrepare, type Requester } from '../forms/plan';
import { createFiler } from './filer';
import { GitlabFiler } from './gitlab';
import { createGitlabClient } from './gitlab-client';
import { SlackNotifier, type ChatPoster, type NotifierDeps } from './notify';
import { loadSettings, type FilingSettings } from './settings';
import { FilingWorker, type Timing, type WorkerOptions } from './worker';
import { ZendeskFiler } from './zendesk';
import { createZendeskClient } from './zendesk-client';

export interface SlackForFiling extends ChatPoster {
  users: {
    info(args: {
      user: string;
    }): Promise<{ user?: { real_name?: string; profile?: { email?: string; real_name?: string } } }>;
    /** Finds the Slack id of an on-call manager PagerDuty names by email (users:read.email). */
    lookupByEmail?(args: { email: string }): Promise<{ user?: { id?: string } }>;
  };
}

export interface FilingServiceDeps {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  slack: SlackForFiling;
  oncall?: Pick<OncallService, 'lookup'>;
  settings?: FilingSettings;
  store?: FilingStore;
  timing?: Timing;
  owner?: string;
  /** Called after each notification (main refreshes the requester's App Home). */
  afterNotify?: (submission: Submission) => Promise<void>;
  /** Each final filing outcome (metrics, routing analytics). */
  onOutcome?: WorkerOptions['onOutcome'];
  /** Status updates hook (src/status): where each filing notice was posted. */
  onNoticePosted?: NotifierDeps['onPosted'];
}

export interface FilingService {
  store: FilingStore;
  worker: FilingWorker;
  settings: FilingSettings;
  mode: Config['FILING_MODE'];
  /** Stores the submission (once per id) and wakes the worker. Call before the ack. */
  submit(input: NewSubmission): Promise<EnqueueResult>;
  start(): void;
  stop(): Promise<void>;
}

export async function createFilingService(deps: FilingServiceDeps): Promise<FilingService> {
  const { config, logger } = deps;
  const settings = deps.settings ?? loadSettings(config.FILING_CONFIG_FILE);
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
  const client = deps.slack;
  const lookupUser = async (userId: string): Promise<Requester> => {
    // The email is there only with the users:read.email scope; without it tickets go in unattributed.
    const { user } = await client.users.info({ user: userId });
    const name = user?.profile?.real_name ?? user?.real_name;
    const email = user?.profile?.email;
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  };
  const worker = new FilingWorker({
    store,
    prepare: createPrepare({
      rules: deps.rules,
      settings,
      lookupUser,
      ...(deps.oncall ? { oncall: deps.oncall } : {}),
    }),
    filer: createFiler({ ...(gitlab ? { gitlab } : {}), ...(zendesk ? { zendesk } : {}) }),
    notifier: new SlackNotifier({
      client,
      rules: deps.rules,
      settings,
      slackIdForEmail: async (email) => (await client.users.lookupByEmail?.({ email }))?.user?.id,
      ...(deps.oncall ? { oncall: deps.oncall } : {}),
      ...(deps.afterNotify ? { afterNotify: deps.afterNotify } : {}),
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
  });
  return {
    store,
    worker,
    settings,
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
