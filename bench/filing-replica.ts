// Child process of bench/filing.ts: one bot replica (a Bolt app with the real form listeners and
// filing service, its own store connection) on a loopback port, so the load client and the stubs in
// the parent do not share its event loop. Tells the parent its port, answers "counts" with the
// store's counts, and exits on "stop" or when the parent goes away.
//   node dist/bench/filing-replica.js '{"owner":"r1","stubsUrl":"http://127.0.0.1:…","location":{…}}'
import type http from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { buildFiling } from '../src/compose-filing';
import { parseSettings } from '../src/kinds/settings';
import { register as registerForms } from '../src/forms/register';
import { createLogger } from '../src/logger';
import { loadRules } from '../src/routing/load';
import { createMembership } from '../src/slack/membership';
import { openStore, type StoreLocation } from '../src/store';
import { SECRET } from './filing-load';
import { stubbedConfig } from './filing-stubs';

/** Inside Support Hours, so STARs are filed rather than turned away. */
const IN_HOURS = new Date('2026-11-24T18:00:00Z');

export interface ReplicaOptions {
  owner: string;
  stubsUrl: string;
  location: StoreLocation;
}

export type ReplicaMessage =
  { type: 'ready'; port: number } | { type: 'counts'; counts: Record<string, number> };

async function run({ owner, stubsUrl, location }: ReplicaOptions): Promise<void> {
  const config = stubbedConfig(stubsUrl, { FILING_CONCURRENCY: '8', FILING_POLL_MS: '200' });
  const logger = createLogger('silent');
  const receiver = new HTTPReceiver({ signingSecret: SECRET, processBeforeResponse: false });
  const app = new App({
    token: 'xoxb-bench',
    receiver,
    botId: 'B1',
    botUserId: 'U0BOT',
    clientOptions: { slackApiUrl: `${stubsUrl}/api/`, retryConfig: { retries: 0 } },
  });
  const rules = loadRules();
  const { filing, settings } = await buildFiling({
    settings: parseSettings({ zendeskHosts: ['gitlab.zendesk.com'] }),
    config,
    logger,
    rules,
    slack: app.client,
    store: await openStore(location),
    owner,
  });
  const membership = createMembership(logger, { installation: { teamId: 'TB' } });
  registerForms(app, { config, logger, rules, filing, settings, membership, now: () => IN_HOURS });
  const server = (await app.start(0)) as http.Server;
  filing.start();
  const send = (msg: ReplicaMessage) => process.send?.(msg);
  send({ type: 'ready', port: (server.address() as { port: number }).port });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'counts')
      void filing.store.countByStatus().then((counts) => send({ type: 'counts', counts }));
    if (msg.type === 'stop')
      void (async () => {
        await filing.stop();
        await app.stop();
        process.exit(0);
      })();
  });
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module)
  void run(JSON.parse(process.argv[2] ?? '{}') as ReplicaOptions).catch((err: unknown) => {
    process.stderr.write(`bench replica: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
