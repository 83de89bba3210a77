// The one place that wires the real app into the playground, with the same public builders main.ts
// uses: the listeners' dependencies, the Bolt app (HTTP receiver, signature check), the filing
// service (store, worker, notifier) and the operating side. Only the Slack side differs: the token
// and API URL point at the playground's stand-in, and the app listens on loopback only.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { createApp } from '../app';
import { buildDeps } from '../build-deps';
import type { Config } from '../config';
import { createFilingService } from '../filing/service';
import { myRequests } from '../forms/requests';
import { publishHome } from '../home/publish';
import type { Logger } from '../logger';
import { startOperating } from '../operating';
import type { RuleSet } from '../routing/types';
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
  const deps = buildDeps(config, logger, undefined, rules);
  const app = createApp(deps, { token: config.SLACK_BOT_TOKEN ?? '', signingSecret, port: 0 });
  await app.init();
  const filing = await createFilingService({
    config,
    logger,
    rules: deps.rules,
    slack: app.client,
    oncall: deps.oncall,
    afterNotify: async (submission) => {
      opts.onFiled(submission, deps.rules.byId.get(submission.routeId)?.title ?? submission.routeId);
      await publishHome(app.client, deps, { userId: submission.userId, teamId: submission.teamId });
    },
    onOutcome: (outcome) => deps.insights.filingFinished(outcome),
  });
  deps.filing = filing;
  deps.myRequests = (userId) => myRequests(filing.store, deps.rules, userId);
  const operating = await startOperating(config, deps, filing.store, logger);
  // HTTPReceiver.start passes listen options to server.listen: the host keeps the app off the network.
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
  filing.start();
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    signingSecret,
    async stop() {
      await (app.stop() as Promise<void>);
      await operating.stop();
      await filing.stop();
    },
  };
}
