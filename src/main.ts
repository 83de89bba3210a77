// Process entry for the Slack app: validate the configuration (listing everything missing at once,
// with how to create the app from manifest.yml), build the dependencies, start, stop on SIGTERM.
import type { App } from '@slack/bolt';
import { createApp } from './app';
import { buildDeps, withFiling, type BaseDeps } from './build-deps';
import { buildFiling, type Filing } from './compose-filing';
import { preflight } from './checks';
import { fileErrorProblems } from './checks/files';
import {
  errorsOf,
  fromLines,
  problem,
  warningsOf,
  type Problem,
  type ProblemSource,
} from './checks/problems';
import { startupReport } from './checks/report';
import { slackAuthProblem } from './checks/slack';
import { describeStore, storeError } from './checks/store';
import { operatingProblems, readEnvironment, slackProblems, type Config } from './config';
import type { AppDeps } from './deps';
import { configuredSecrets, createLogger, type Logger } from './logger';
import { oncallProblems } from './oncall';
import { publishHome } from './home/publish';
import { startOperating, type Operating } from './operating';
import { createPostgresEventDedupe, type PostgresEventDedupe } from './slack/dedupe-postgres';
import type { RuleSet } from './routing/types';
import { checkStarChannel } from './slack/star-channel';
import { createWebClient } from './slack/client-options';
import { storeLocation, type StoreLocation } from './store';

export class StartupError extends Error {
  constructor(
    readonly problems: Problem[],
    where: Partial<Record<ProblemSource, string>> = {},
  ) {
    super(startupReport(problems, where));
    this.name = 'StartupError';
  }
}

export interface Running {
  app: App;
  deps: AppDeps;
  /** The HTTP port actually bound (HTTP mode; 0 asks the OS for one). */
  port?: number;
  /** The metrics port bound, when METRICS_PORT is set. */
  metricsPort?: number;
  stop(): Promise<void>;
}

/**
 * Replicas behind one PostgreSQL share the event dedupe, since Slack may send a retry to any of them.
 * A bad DATABASE_URL is reported when the store opens, with the other store problems.
 */
function sharedEventDedupe(config: Config, logger: Logger): PostgresEventDedupe | undefined {
  let location: StoreLocation;
  try {
    location = storeLocation(config);
  } catch {
    return undefined;
  }
  return location.kind === 'postgres' ? createPostgresEventDedupe({ url: location.url, logger }) : undefined;
}

/** Problems found while building a part of the bot: a file's problems, or the part's own message. */
function buildProblems(err: unknown, source: ProblemSource, subject: string): Problem[] {
  return (
    fileErrorProblems(err) ?? [problem(source, subject, err instanceof Error ? err.message : String(err))]
  );
}

/** Starts the app; throws StartupError listing every problem found. */
export async function start(config: Config, logger?: Logger, rules?: RuleSet): Promise<Running> {
  const problems = [
    ...fromLines('slack', slackProblems(config)),
    ...fromLines('settings', oncallProblems(config)),
    ...fromLines('settings', operatingProblems(config)),
  ];
  if (errorsOf(problems).length) throw new StartupError(problems);
  const log = logger ?? createLogger(config.LOG_LEVEL, undefined, configuredSecrets(config));
  let base: BaseDeps;
  const sharedDedupe = sharedEventDedupe(config, log);
  try {
    base = buildDeps(config, log, sharedDedupe, rules);
  } catch (err) {
    throw new StartupError(buildProblems(err, 'settings', 'RULES_FILE / ONCALL_STATIC_FILE'));
  }
  // Composition root: the Web API client, then filing (the store opens and migrates before the
  // app takes requests), then the app with every dependency it needs.
  const slack = createWebClient(config.SLACK_BOT_TOKEN ?? '', { slackApiUrl: config.SLACK_API_URL }, log);
  const home: { deps?: AppDeps } = {};
  let filing: Filing;
  try {
    filing = await buildFiling({
      config,
      logger: log,
      rules: base.rules,
      slack,
      oncall: base.oncall,
      // Refresh the requester's App Home, so "My requests" shows the new state without a reload.
      afterNotify: async (submission) => {
        if (home.deps)
          await publishHome(slack, home.deps, { userId: submission.userId, teamId: submission.teamId });
      },
      // Refresh the requester's App Home, so "My requests" shows the new status.
      afterNotice: async (watch, store) => {
        const submission = await store.get(watch.submissionId);
        if (submission && home.deps)
          await publishHome(slack, home.deps, { userId: submission.userId, teamId: submission.teamId });
      },
      onOutcome: (outcome) => base.insights.filingFinished(outcome),
    });
  } catch (err) {
    const where = config.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR';
    throw new StartupError(
      fileErrorProblems(err) ?? [
        problem('store', where, `the request store could not be opened: ${storeError(err)}`),
      ],
    );
  }
  const deps = withFiling(base, filing);
  home.deps = deps;
  const app = createApp(deps, {
    token: config.SLACK_BOT_TOKEN ?? '',
    port: config.PORT,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
  });
  try {
    await app.init(); // auth.test: a revoked or mistyped token fails here, not on the first request
  } catch (err) {
    await filing.filing.stop();
    throw new StartupError([slackAuthProblem(err, config.SLACK_API_URL)]);
  }
  await checkStarChannel(slack, filing.settings.star.channel, log);
  let operating: Operating;
  try {
    operating = await startOperating(config, deps, deps.filing.store, log);
  } catch (err) {
    await deps.filing.stop();
    throw new StartupError(buildProblems(err, 'settings', 'METRICS_PORT'));
  }
  const server: unknown = await app.start(config.PORT);
  deps.filing.start();
  deps.status.start();
  const address = (server as { address?: () => unknown } | undefined)?.address?.();
  const port = address && typeof address === 'object' && 'port' in address ? Number(address.port) : undefined;
  log.info(
    {
      ...bootSummary(config, deps.rules, port),
      ...(operating.metricsPort !== undefined ? { metricsPort: operating.metricsPort } : {}),
    },
    'support-router is running',
  );
  const stop = async () => {
    await (app.stop() as Promise<void>);
    await operating.stop();
    await deps.status.stop(); // a check in flight finishes; a stored notice is posted at the next start
    await deps.filing.stop(); // finishes the calls in flight; unfinished requests resume at the next start
    await sharedDedupe?.close();
  };
  return {
    app,
    deps,
    ...(port !== undefined ? { port } : {}),
    ...(operating.metricsPort !== undefined ? { metricsPort: operating.metricsPort } : {}),
    stop,
  };
}

/** What an operator confirms before real tickets are filed: where it listens, stores and files. */
export function bootSummary(config: Config, rules: RuleSet, port?: number): Record<string, unknown> {
  let store: string;
  try {
    store = describeStore(storeLocation(config));
  } catch {
    store = 'invalid DATABASE_URL';
  }
  return {
    mode: config.SLACK_APP_TOKEN ? 'socket mode' : 'http',
    port: port ?? config.PORT,
    store,
    filing: config.FILING_MODE,
    oncall: config.ONCALL_PROVIDER,
    rules: rules.source,
    ruleCount: rules.rules.length,
  };
}

export async function main(): Promise<void> {
  const check = preflight(readEnvironment());
  if (!check.config || !check.ok) {
    process.stderr.write(`${startupReport(check.problems, check.where)}\n`);
    process.exitCode = 1;
    return;
  }
  const log = createLogger(check.config.LOG_LEVEL);
  for (const p of warningsOf(check.problems))
    log.warn({ source: p.source, subject: p.subject || undefined }, p.message);
  let running: Running;
  try {
    running = await start(check.config, log, check.rules);
  } catch (err) {
    process.stderr.write(`${err instanceof StartupError ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  const shutdown = (signal: string) => {
    running.deps.logger.info({ signal }, 'stopping');
    // stop() closes the server (or the socket) and waits for open requests; never longer than 10 s.
    setTimeout(() => process.exit(1), 10_000).unref();
    running.stop().then(
      () => {
        running.deps.logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        running.deps.logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) void main();
