// Child process of bench/ack.ts: runs one app under test on a loopback port and reports its port,
// then its RSS and on-call cache timings on request. "real" is the support-router app (real rules,
// real classifier, static on-call file, Web API pointed at the parent's loopback stub); "bare" is a
// Bolt app whose only listener acks /support.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { createApp } from '../src/app';
import { buildDeps, withFiling } from '../src/build-deps';
import { buildFiling } from '../src/compose-filing';
import { createWebClient } from '../src/slack/client-options';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { ROTATIONS } from '../src/oncall/types';
import type { AppDeps } from '../src/deps';

const [, , kind = 'real', secret = 'bench-secret', apiUrl = 'http://127.0.0.1:9/api/'] = process.argv;
const send = (msg: object) => process.send?.(msg);

async function startReal(): Promise<{ app: App; deps: AppDeps }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-oncall-')), 'oncall.yml');
  fs.writeFileSync(
    file,
    'schedules:\n  support: [{name: Alice, slack_user_id: U0ALICE}]\n  cmoc: [{name: Bob, slack_user_id: U0BOB}]\n',
  );
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: apiUrl,
    ONCALL_STATIC_FILE: file,
    LOG_LEVEL: 'warn',
    // The app files through a store like the real one (a fresh SQLite file, dry run).
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-')),
    FILING_MODE: 'dry-run',
  });
  const logger = createLogger(config.LOG_LEVEL);
  const base = buildDeps(config, logger);
  const slack = createWebClient('xoxb-bench', { slackApiUrl: apiUrl }, logger);
  const deps = withFiling(base, await buildFiling({ config, logger, rules: base.rules, slack }));
  const app = createApp(deps, {
    token: 'xoxb-bench',
    signingSecret: secret,
    port: 0,
    botId: 'B0',
    botUserId: 'U0',
  });
  return { app, deps };
}

function startBare(): App {
  const receiver = new HTTPReceiver({ signingSecret: secret });
  const app = new App({
    token: 'xoxb-bench',
    receiver,
    botId: 'B0',
    botUserId: 'U0',
    tokenVerificationEnabled: false,
  });
  app.command('/support', async ({ ack }) => ack());
  return app;
}

async function cacheTimings(deps: AppDeps): Promise<{ p50: number; p99: number }> {
  for (const r of ROTATIONS) await deps.oncall.lookup(r);
  const times: number[] = [];
  for (let i = 0; i < 10_000; i += 1) {
    const t0 = process.hrtime.bigint();
    await deps.oncall.lookup(i % 2 ? 'support' : 'cmoc');
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

async function run(): Promise<void> {
  const built = kind === 'bare' ? { app: startBare(), deps: undefined } : await startReal();
  if (built.deps) await built.app.init(); // the bare app is not deferred: it initialises in its constructor
  const server = (await built.app.start(0)) as Server;
  const address = server.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
    if (msg.type === 'cache' && built.deps)
      void cacheTimings(built.deps).then((t) => send({ type: 'cache', ...t }));
    if (msg.type === 'stop') void built.app.stop().then(() => process.exit(0));
  });
}

void run();
