// Filing benchmark: a burst of signed view_submission requests against a Bolt app with the real
// form listeners and filing service, while loopback GitLab/Zendesk stubs enforce per-minute limits.
//   npm run bench:filing [-- --count 300 --stores sqlite,postgres --gitlab-rpm 200 --zendesk-rpm 700]
// PostgreSQL runs two replicas (two apps, two workers, one queue) when DATABASE_URL or
// TEST_DATABASE_URL names a server. Reports ack latency, drain time, and lost/doubled requests.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { App, HTTPReceiver } from '@slack/bolt';
import { Client } from 'pg';
import { parseConfig } from '../src/config';
import { createFilingService, type FilingService } from '../src/filing/service';
import { parseSettings } from '../src/filing/settings';
import { encodeMetadata } from '../src/forms/metadata';
import { registerFormListeners } from '../src/forms/listeners';
import { createLogger } from '../src/logger';
import { loadRules } from '../src/routing/load';
import { openStore } from '../src/store';
import { RemoteStubs } from './filing-stubs';

const SECRET = 'bench-secret';
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    'gitlab-rpm': { type: 'string', default: '200' },
    'zendesk-rpm': { type: 'string', default: '700' },
    latency: { type: 'string', default: '40' },
    /** Arrival rate of the burst in submissions per second; 0 sends all of them at once. */
    rate: { type: 'string', default: '100' },
  },
});
const COUNT = Number(args.count);
const env = parseConfig(process.env);
const rules = loadRules();
const IN_HOURS = new Date('2026-11-24T18:00:00Z');

/** One submission in three of each kind: STAR (GitLab), internal request (Zendesk), meta issue (GitLab). */
function submission(i: number, teamId: string) {
  const kinds = [
    {
      route: 'star',
      values: {
        ticket_link: `https://gitlab.zendesk.com/agent/tickets/${1000 + i}`,
        urgency: 'timely',
        plan: 'saas-premium',
        group: 'acme',
        reason: 'stalled',
        details: 'No reply.',
        desired_result: 'Reply today.',
      },
    },
    {
      route: 'internal-request/saas-extend-trial',
      option: 'saas-extend-trial',
      values: {
        contact_email: `c${i}@acme.example`,
        namespace: 'acme',
        new_date: '2030-01-01',
        context: 'Renewal.',
      },
    },
    { route: 'support-meta', values: { title: `Idea ${i}`, description: 'Details.' } },
  ];
  const k = kinds[i % 3]!;
  const state = Object.fromEntries(
    Object.entries(k.values).map(([id, v]) => [
      id,
      {
        value: ['urgency', 'plan', 'reason'].includes(id)
          ? { type: 'static_select', selected_option: { value: v } }
          : id === 'new_date'
            ? { type: 'datepicker', selected_date: v }
            : { type: 'plain_text_input', value: v },
      },
    ]),
  );
  const view = {
    id: `VB${i}`,
    team_id: teamId,
    callback_id: 'file_form',
    hash: 'h',
    private_metadata: encodeMetadata({ routeId: k.route, ...(k.option ? { optionId: k.option } : {}) }),
    state: { values: state },
  };
  return {
    kind: i % 3 === 1 ? 'ticket' : 'issue',
    payload: {
      type: 'view_submission',
      team: { id: teamId },
      user: { id: `U${i % 17}` },
      view,
      api_app_id: 'A1',
      token: 'x',
    },
  };
}

function post(port: number, payload: unknown): Promise<{ ms: number; status: number; accepted: boolean }> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/slack/events',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': sig,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            accepted: text.includes('"response_action":"update"'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function replica(store: Awaited<ReturnType<typeof openStore>>, stubs: RemoteStubs, owner: string) {
  const config = parseConfig({
    GITLAB_URL: stubs.url,
    GITLAB_TOKEN: 'glpat-bench',
    ZENDESK_URL: stubs.url,
    ZENDESK_EMAIL: 'bot@gitlab.example',
    ZENDESK_API_TOKEN: 'z',
    FILING_CONCURRENCY: '8',
    FILING_POLL_MS: '200',
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('silent');
  const receiver = new HTTPReceiver({ signingSecret: SECRET, processBeforeResponse: false });
  const app = new App({
    token: 'xoxb-bench',
    receiver,
    botId: 'B1',
    botUserId: 'U0BOT',
    clientOptions: { slackApiUrl: `${stubs.url}/api/`, retryConfig: { retries: 0 } },
  });
  const settings = parseSettings({ zendeskHosts: ['gitlab.zendesk.com'] });
  const filing: FilingService = await createFilingService({
    settings,
    config,
    logger,
    rules,
    slack: app.client,
    store,
    owner,
  });
  registerFormListeners(app, { config, logger, rules, filing, now: () => IN_HOURS });
  const server = (await app.start(0)) as http.Server;
  filing.start();
  return {
    filing,
    port: (server.address() as { port: number }).port,
    stop: async () => (await filing.stop(), await app.stop()),
  };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  const stubs = new RemoteStubs({
    gitlabPerMinute: Number(args['gitlab-rpm']),
    zendeskPerMinute: Number(args['zendesk-rpm']),
    latencyMs: Number(args.latency),
  });
  await stubs.start();
  let url = env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : env.TEST_DATABASE_URL;
  if (kind === 'postgres') {
    if (!url) return void console.log('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
    const schema = `bench_${Date.now()}`;
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-filing-')), 'bench.sqlite');
  const location = kind === 'sqlite' ? ({ kind, file } as const) : ({ kind, url: url! } as const);
  const replicas = await Promise.all(
    (kind === 'sqlite' ? ['r1'] : ['r1', 'r2']).map(async (owner) =>
      replica(await openStore(location), stubs, owner),
    ),
  );
  const subs = Array.from({ length: COUNT }, (_, i) => submission(i, 'TB'));
  const started = performance.now();
  const rate = Number(args.rate);
  const acks = await Promise.all(
    subs.map(async (s, i) => {
      if (rate > 0) await new Promise((r) => setTimeout(r, (i * 1000) / rate));
      return post(replicas[i % replicas.length]!.port, s.payload);
    }),
  );
  const store = replicas[0]!.filing.store;
  let counts = await store.countByStatus();
  const accepted = acks.filter((a) => a.accepted).length;
  while (counts.filed + counts.failed < accepted && performance.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 50));
    counts = await store.countByStatus();
  }
  const drainS = (performance.now() - started) / 1000;
  const ms = acks.map((a) => a.ms);
  const issues = subs.filter((s) => s.kind === 'issue').length;
  const floor = (n: number, rpm: number) => Math.max(0, (n - rpm) / rpm) * 60;
  const floorS = Math.max(
    floor(issues, Number(args['gitlab-rpm'])),
    floor(COUNT - issues, Number(args['zendesk-rpm'])),
  );
  console.log(
    [
      `${kind} (${replicas.length} replica${replicas.length > 1 ? 's' : ''}), ${COUNT} submissions ${rate > 0 ? `at ${rate}/s` : 'all at once'}`,
      `  acks: ${accepted}/${COUNT} accepted (HTTP 200, stored); p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; over 3 s: ${ms.filter((m) => m > 3000).length}`,
      `  drain: ${drainS.toFixed(1)} s to file all (rate-limit floor ${floorS.toFixed(1)} s: GitLab ${args['gitlab-rpm']}/min, Zendesk ${args['zendesk-rpm']}/min, ${args.latency} ms per call); 429s answered: ${stubs.counts.rateLimited}`,
      `  result: filed ${counts.filed}, failed ${counts.failed}, pending ${counts.pending}; issues ${stubs.issues.length}/${issues}, tickets ${stubs.tickets.size}/${COUNT - issues}; lost ${COUNT - counts.filed - counts.failed}, doubled ${stubs.duplicates().length + Math.max(0, stubs.issues.length - issues) + Math.max(0, stubs.tickets.size - (COUNT - issues))}`,
    ].join('\n'),
  );
  for (const r of replicas) await r.stop();
  await stubs.stop();
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} cpus`);
  for (const kind of args.stores.split(',') as ('sqlite' | 'postgres')[]) await run(kind);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
