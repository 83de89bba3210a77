// Builds the Bolt app: a receiver (HTTP or Socket Mode), a bounded Web API client, every listener.
// It knows nothing about routes; main.ts (or a test) supplies the dependencies and starts it.
import { App } from '@slack/bolt';
import type { AppDeps } from './deps';
import { registerListeners } from './listeners';
import { instrumentBolt } from './metrics/bolt';
import { isReady } from './readiness';
import { boltLogger } from './slack/bolt-logger';
import { webClientOptions, type ClientTuning } from './slack/client-options';
import { createReceiver } from './slack/receiver';
import { webhookRoutes } from './status/webhooks';

export interface CreateAppOptions {
  token: string;
  signingSecret?: string;
  /** Socket Mode when set (xapp-...). */
  appToken?: string;
  port: number;
  client?: ClientTuning;
  /** Known bot ids skip auth.test (tests, benchmarks); without them app.init() verifies the token. */
  botId?: string;
  botUserId?: string;
  unhandledRequestTimeoutMillis?: number;
}

export function createApp(deps: AppDeps, opts: CreateAppOptions): App {
  const clientOptions = webClientOptions({ slackApiUrl: deps.config.SLACK_API_URL, ...opts.client });
  const known = opts.botId !== undefined && opts.botUserId !== undefined;
  const app = new App({
    token: opts.token,
    receiver: createReceiver({
      ...opts,
      logger: deps.logger,
      clientOptions,
      ready: () => isReady(deps),
      // Status webhooks on the bot's port (src/status/webhooks.ts).
      routes: webhookRoutes(deps.status.intake),
    }),
    clientOptions,
    logger: boltLogger(deps.logger),
    ...(known ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
    tokenVerificationEnabled: !known,
    // No listener uses Bolt's conversation state; skipping its store saves work on every request.
    convoStore: false,
    // Callers run `await app.init()`, so a bad token fails at boot with a clear message.
    deferInitialization: true,
  });
  app.error(async (error) => {
    deps.logger.error({ err: error, code: error.code }, 'unhandled error in a listener');
  });
  instrumentBolt(app, deps.insights.metrics);
  registerListeners(app, deps);
  return app;
}
