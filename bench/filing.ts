// Filing benchmark: a burst of signed view_submission requests against bot replicas with the real
// form listeners and filing service, while loopback GitLab/Zendesk stubs enforce per-minute limits.
//   npm run bench:filing [-- --count 300 --rate 100 --stores sqlite,postgres --gitlab-rpm 200 --zendesk-rpm 700]
//   npm run bench:filing -- --mode soak [--kills 6 --soak-rate 20]   the crash-loop soak only (bench/filing-soak.ts)
// Each replica runs in its own child process (bench/filing-replica.ts); the load client and the stubs
// stay in this one, so their work does not queue behind the bot's. PostgreSQL runs two replicas
// sharing one queue when DATABASE_URL or TEST_DATABASE_URL names a server. Reports ack latency, drain
// time, and lost/doubled requests. Then the crash-loop soak: the same burst while the worker process
// is SIGKILLed and restarted at random (`--mode burst|soak|both`, default both). Node flags given to
// this process (e.g. --cpu-prof) reach the replicas too.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { parseConfig } from '../src/config';
import type { StoreLocation } from '../src/store';
import { RemoteStubs } from './filing-stubs';
import { pct, post, submission } from './filing-load';
import type { ReplicaMessage, ReplicaOptions } from './filing-replica';
import { soak } from './filing-soak';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    'gitlab-rpm': { type: 'string', default: '200' },
    'zendesk-rpm': { type: 'string', default: '700' },
    latency: { type: 'string', default: '40' },
    /** Arrival rate of the burst in submissions per second; 0 sends all of them at once. */
    rate: { type: 'string', default: '100' },
    mode: { type: 'string', default: 'both' },
    /** Soak: how many times the worker process is SIGKILLed and started again. */
    kills: { type: 'string', default: '6' },
    /** Soak: arrivals per second, slower than the burst's so that every kill lands on work in flight. */
    'soak-rate': { type: 'string', default: '20' },
  },
});
const COUNT = Number(args.count);
const env = parseConfig(process.env);
/** The whole run, start to drained, must fit in this; past it the bench reports what it has. */
const DRAIN_LIMIT_MS = 600_000;

interface Replica {
  child: ChildProcess;
  port: number;
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

function waitFor<T extends ReplicaMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ReplicaMessage, { type: T }>> {
  return new Promise((resolve) => {
    const on = (msg: ReplicaMessage) =>
      msg.type === type && (child.off('message', on), resolve(msg as Extract<ReplicaMessage, { type: T }>));
    child.on('message', on);
  });
}

async function replica(options: ReplicaOptions): Promise<Replica> {
  const child = fork(path.join(__dirname, 'filing-replica.js'), [JSON.stringify(options)], {
    stdio: 'inherit',
  });
  const died = (code: number | null) => {
    console.error(`replica ${options.owner} exited with ${code ?? 'a signal'}`);
    process.exit(1);
  };
  child.once('exit', died);
  const { port } = await waitFor(child, 'ready');
  return {
    child,
    port,
    counts: async () => {
      const reply = waitFor(child, 'counts');
      child.send({ type: 'counts' });
      return (await reply).counts;
    },
    stop: () =>
      new Promise((resolve) => {
        child.off('exit', died);
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

async function benchStore(kind: 'sqlite' | 'postgres'): Promise<StoreLocation | undefined> {
  if (kind === 'sqlite')
    return { kind, file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-filing-')), 'bench.sqlite') };
  const url = env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const schema = `bench_${Date.now()}`;
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { kind, url: u.toString() };
}

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  const location = await benchStore(kind);
  if (!location) return void console.log('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
  const stubs = new RemoteStubs({
    gitlabPerMinute: Number(args['gitlab-rpm']),
    zendeskPerMinute: Number(args['zendesk-rpm']),
    latencyMs: Number(args.latency),
  });
  const stubsUrl = await stubs.start();
  // One after the other: the first replica's migrations are done before the second opens the store.
  const replicas: Replica[] = [];
  for (const owner of kind === 'sqlite' ? ['r1'] : ['r1', 'r2'])
    replicas.push(await replica({ owner, stubsUrl, location }));
  const subs = Array.from({ length: COUNT }, (_, i) => submission(i, 'TB'));
  const started = performance.now();
  const rate = Number(args.rate);
  const acks = await Promise.all(
    subs.map(async (s, i) => {
      if (rate > 0) await new Promise((r) => setTimeout(r, (i * 1000) / rate));
      return post(replicas[i % replicas.length]!.port, s.payload);
    }),
  );
  let counts = await replicas[0]!.counts();
  const accepted = acks.filter((a) => a.accepted).length;
  const settled = () => (counts.filed ?? 0) + (counts.failed ?? 0);
  while (settled() < accepted && performance.now() - started < DRAIN_LIMIT_MS) {
    await new Promise((r) => setTimeout(r, 50));
    counts = await replicas[0]!.counts();
  }
  const drainS = (performance.now() - started) / 1000;
  const ms = acks.map((a) => a.ms);
  const issues = subs.filter((s) => s.kind === 'issue').length;
  const floor = (n: number, rpm: number) => Math.max(0, (n - rpm) / rpm) * 60;
  const floorS = Math.max(
    floor(issues, Number(args['gitlab-rpm'])),
    floor(COUNT - issues, Number(args['zendesk-rpm'])),
  );
  const filed = counts.filed ?? 0;
  const failed = counts.failed ?? 0;
  console.log(
    [
      `${kind} (${replicas.length} replica${replicas.length > 1 ? 's' : ''}, each in its own process), ${COUNT} submissions ${rate > 0 ? `at ${rate}/s` : 'all at once'}`,
      `  acks: ${accepted}/${COUNT} accepted (HTTP 200, stored); p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; over 3 s: ${ms.filter((m) => m > 3000).length}`,
      `  drain: ${drainS.toFixed(1)} s to file all (rate-limit floor ${floorS.toFixed(1)} s: GitLab ${args['gitlab-rpm']}/min, Zendesk ${args['zendesk-rpm']}/min, ${args.latency} ms per call); 429s answered: ${stubs.counts.rateLimited}`,
      `  result: filed ${filed}, failed ${failed}, pending ${counts.pending ?? 0}; issues ${stubs.issues.length}/${issues}, tickets ${stubs.tickets.size}/${COUNT - issues}; lost ${COUNT - filed - failed}, doubled ${stubs.duplicates().length + Math.max(0, stubs.issues.length - issues) + Math.max(0, stubs.tickets.size - (COUNT - issues))}`,
    ].join('\n'),
  );
  for (const r of replicas) await r.stop();
  await stubs.stop();
}

async function runSoak(kind: 'sqlite' | 'postgres'): Promise<void> {
  const location = await benchStore(kind);
  if (!location) return void console.log('soak postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
  await soak(location, {
    count: COUNT,
    kills: Number(args.kills),
    rate: Number(args['soak-rate']),
    stubs: {
      gitlabPerMinute: Number(args['gitlab-rpm']),
      zendeskPerMinute: Number(args['zendesk-rpm']),
      latencyMs: Number(args.latency),
    },
  });
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} cpus`);
  const kinds = args.stores.split(',') as ('sqlite' | 'postgres')[];
  if (args.mode !== 'soak') for (const kind of kinds) await run(kind);
  if (args.mode !== 'burst') for (const kind of kinds) await runSoak(kind);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
