// The one place that wires the real app into the playground, composed the way main.ts composes it:
// the base dependencies, a Web API client, filing and status on one store, then the Bolt app (HTTP
// receiver, signature check) and the operating side. Only the Slack side differs: the token and API
// URL point at the playground's stand-in, and the app listens on loopback only.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { createApp } from '../app';
import { buildDeps, withFiling } from '../build-deps';
import { buildFiling } from '../compose-filing';
import type { Config } from '../config';
import type { AppDeps } from '../deps';
import { publishHome } from '../home/publish';
import type { Logger } from '../logger';
import { startOperating } from '../operating';
import type { RuleSet } from '../routing/types';
import { createWebClient } from '../slack/client-options';
import type { Submission } from '../store/types';
import type { AppEndpoint } from './driver';

export interface PlaygroundApp extends AppEndpoint {
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** Slack settings already point at the stand-in (SLACK_API_URL) and carry the signing secret. */
  config: Config;
  logger: Logger;
  rules: RuleSet;
  /** Each submission once the requester was told: the filing preview (dry run) or its link. */
  onFiled: (submission: Submission, title: string) => void;
}

export const newSigningSecret = (): string => randomBytes(16).toString('hex');

export async function startPlaygroundApp(opts: StartAppOptions): Promise<PlaygroundApp> {
  const { config, logger, rules } = opts;
  const signingSecret = config.SLACK_SIGNING_SECRET ?? '';
  const base = buildDeps(config, logger, undefined, rules);
  const slack = createWebClient(config.SLACK_BOT_TOKEN ?? '', { slackApiUrl: config.SLACK_API_URL }, logger);
  const home: { deps?: AppDeps } = {};
  const refreshHome = async (submission: Submission) => {
    if (home.deps)
      await publishHome(slack, home.deps, { userId: submission.userId, teamId: submission.teamId });
  };
  const filing = await buildFiling({
    config,
    logger,
    rules: base.rules,
    slack,
    oncall: base.oncall,
    afterNotify: async (submission) => {
      opts.onFiled(submission, base.rules.byId.get(submission.routeId)?.title ?? submission.routeId);
      await refreshHome(submission);
    },
    afterNotice: async (watch, store) => {
      const submission = await store.get(watch.submissionId);
      if (submission) await refreshHome(submission);
    },
    onOutcome: (outcome) => base.insights.filingFinished(outcome),
  });
  const deps = withFiling(base, filing);
  home.deps = deps;
  const app = createApp(deps, { token: config.SLACK_BOT_TOKEN ?? '', signingSecret, port: 0 });
  try {
    await app.init();
  } catch (err) {
    await deps.filing.stop();
    throw err;
  }
  const operating = await startOperating(config, deps, deps.filing.store, logger);
  // HTTPReceiver.start passes listen options to server.listen: the host keeps the app off the network.
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
  deps.filing.start();
  deps.status.start();
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    signingSecret,
    async stop() {
      await (app.stop() as Promise<void>);
      await operating.stop();
      await deps.status.stop();
      await deps.filing.stop();
    },
  };
}
