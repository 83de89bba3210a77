// Process entry for the Slack app: validate the configuration (listing everything missing at once,
// with how to create the app from manifest.yml), build the dependencies, start, stop on SIGTERM.
import type { App } from '@slack/bolt';
import { createApp } from './app';
import { buildDeps } from './build-deps';
import { ConfigError, loadConfig, slackProblems, type Config } from './config';
import type { AppDeps } from './deps';
import { configuredSecrets, createLogger, type Logger } from './logger';
import { oncallProblems } from './oncall';
import { createFilingService, type FilingService } from './filing/service';
import { myRequests } from './forms/requests';
import { publishHome } from './home/publish';
import { createPostgresEventDedupe, type PostgresEventDedupe } from './slack/dedupe-postgres';
import { storeLocation, type StoreLocation } from './store';

export class StartupError extends Error {
  constructor(readonly problems: string[]) {
    super(startupHelp(problems));
    this.name = 'StartupError';
  }
}

export function startupHelp(problems: string[]): string {
  return [
    'support-router cannot start. Set these environment variables (or put them in .env):',
    ...problems.map((p) => `  - ${p}`),
    '',
    "Don't have a Slack app yet? Create it from this repository's manifest.yml:",
    '  1. https://api.slack.com/apps -> Create New App -> From an app manifest -> pick the workspace.',
    '  2. Paste manifest.yml (replace https://support-router.example.com with your public URL,',
    '     or set socket_mode_enabled: true for Socket Mode and skip the URL).',
    '  3. Install to Workspace; copy the Bot User OAuth Token (xoxb-...) to SLACK_BOT_TOKEN and',
    '     Basic Information -> Signing Secret to SLACK_SIGNING_SECRET.',
    '  4. For Socket Mode, create an App-Level Token with connections:write and set SLACK_APP_TOKEN (xapp-...).',
    'See the README, section "The Slack app".',
  ].join('\n');
}

export interface Running {
  app: App;
  deps: AppDeps;
  /** The HTTP port actually bound (HTTP mode; 0 asks the OS for one). */
  port?: number;
  stop(): Promise<void>;
}

/** Reads .env and the environment; every problem is reported at once. */
export function configFromEnvironment(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new StartupError(err.problems);
    throw err;
  }
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

/** Starts the app; throws StartupError listing every problem found. */
export async function start(config: Config, logger?: Logger): Promise<Running> {
  const problems = [...slackProblems(config), ...oncallProblems(config)];
  if (problems.length) throw new StartupError(problems);
  const log = logger ?? createLogger(config.LOG_LEVEL, undefined, configuredSecrets(config));
  let deps: AppDeps;
  const sharedDedupe = sharedEventDedupe(config, log);
  try {
    deps = buildDeps(config, log, sharedDedupe);
  } catch (err) {
    throw new StartupError([err instanceof Error ? err.message : String(err)]);
  }
  const app = createApp(deps, {
    token: config.SLACK_BOT_TOKEN ?? '',
    port: config.PORT,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
  });
  try {
    await app.init(); // auth.test: a revoked or mistyped token fails here, not on the first request
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new StartupError([`SLACK_BOT_TOKEN: Slack rejected the token (${why})`]);
  }
  // The outbox opens (and migrates) before the app takes requests; its worker starts with the app.
  let filing: FilingService;
  try {
    filing = await createFilingService({
      config,
      logger: log,
      rules: deps.rules,
      slack: app.client,
      oncall: deps.oncall,
      // Refresh the requester's App Home, so "My requests" shows the new state without a reload.
      afterNotify: (submission) =>
        publishHome(app.client, deps, { userId: submission.userId, teamId: submission.teamId }),
    });
  } catch (err) {
    throw new StartupError([
      `DATABASE_URL / DATA_DIR: the request store could not be opened (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
  deps.filing = filing;
  deps.myRequests = (userId) => myRequests(filing.store, deps.rules, userId);
  const server: unknown = await app.start(config.PORT);
  filing.start();
  const address = (server as { address?: () => unknown } | undefined)?.address?.();
  const port = address && typeof address === 'object' && 'port' in address ? Number(address.port) : undefined;
  const mode = config.SLACK_APP_TOKEN ? 'socket mode' : 'http';
  log.info(
    { mode, port: port ?? config.PORT, oncall: config.ONCALL_PROVIDER, rules: deps.rules.source },
    'support-router is running',
  );
  const stop = async () => {
    await (app.stop() as Promise<void>);
    await filing.stop(); // finishes the calls in flight; unfinished requests resume at the next start
    await sharedDedupe?.close();
  };
  return { app, deps, ...(port !== undefined ? { port } : {}), stop };
}

export async function main(): Promise<void> {
  let running: Running;
  try {
    running = await start(configFromEnvironment());
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
