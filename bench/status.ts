// Status webhooks benchmark: how long a signed Zendesk webhook takes to be verified and recorded
// (the 200 the vendor waits for), with many watched requests in the store.
//   npm run bench:status [-- --watched 2000 --count 2000 --concurrency 1,10 --stores sqlite,postgres]
// The webhook routes run on a plain loopback server (the same handlers the bot's port serves);
// PostgreSQL is measured when DATABASE_URL or TEST_DATABASE_URL names a server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { loadRules } from '../src/routing/load';
import { createStatusService } from '../src/status/service';
import { webhookRoutes } from '../src/status/webhooks';
import { openStore } from '../src/store';
import type { FilingStore } from '../src/store/types';
import { pct } from './filing-load';

const { values: args } = parseArgs({
  options: {
    watched: { type: 'string', default: '2000' },
    count: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '1,10' },
    stores: { type: 'string', default: 'sqlite,postgres' },
  },
});
const SECRET = crypto.randomBytes(32).toString('base64');
const env = parseConfig(process.env);

async function fill(store: FilingStore, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const id = `T1:V${i}`;
    await store.enqueue(
      { id, teamId: 'T1', userId: 'U1', routeId: 'support-feedback', payload: {} },
      Date.now(),
    );
    await store.claim('bench', Date.now(), 60_000);
    const result = {
      target: 'zendesk-ticket' as const,
      url: `https://z.example/agent/tickets/${i + 1}`,
      ref: 't',
    };
    await store.finish(id, 'bench', { status: 'filed', result }, Date.now());
    await store.markNotified(id, 'bench', Date.now());
  }
}

function send(port: number, ticket: number): Promise<number> {
  const body = JSON.stringify({ ticket_id: String(ticket) });
  const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = crypto
    .createHmac('sha256', SECRET)
    .update(timestamp + body)
    .digest('base64');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhooks/zendesk',
        agent: keepAlive,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-zendesk-webhook-signature': signature,
          'x-zendesk-webhook-signature-timestamp': timestamp,
          'x-zendesk-webhook-invocation-id': crypto.randomUUID(),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

async function run(kind: 'sqlite' | 'postgres', url?: string): Promise<void> {
  const location =
    kind === 'sqlite'
      ? { kind, file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-status-')), 'store.sqlite') }
      : { kind, url: url! };
  const store = await openStore(location);
  const watched = Number(args.watched);
  await fill(store, watched);
  const config = parseConfig({ ZENDESK_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const status = createStatusService({
    config,
    logger: createLogger('silent'),
    rules: loadRules(config.RULES_FILE),
    store,
    client: { chat: { postMessage: async () => ({}), postEphemeral: async () => ({}) } },
  });
  while ((await status.worker.adopt()) > 0);
  const [zendesk] = webhookRoutes(status.intake);
  const server = http.createServer((req, res) => zendesk!.handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  for (const c of args.concurrency.split(',').map(Number)) {
    const times: number[] = [];
    const count = Number(args.count);
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < count) times.push(await send(port, 1 + (next++ % watched)));
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    times.sort((a, b) => a - b);
    console.log(
      `${kind.padEnd(8)} watched ${watched}  concurrency ${String(c).padStart(2)}  ${count} webhooks  ` +
        `${(count / seconds).toFixed(0)}/s  p50 ${pct(times, 50).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  ` +
        `max ${times[times.length - 1]!.toFixed(1)} ms`,
    );
  }
  server.close();
  keepAlive.destroy();
  await store.close();
}

async function main(): Promise<void> {
  const stores = args.stores.split(',');
  if (stores.includes('sqlite')) await run('sqlite');
  const pg = env.DATABASE_URL ?? env.TEST_DATABASE_URL;
  if (stores.includes('postgres')) {
    if (pg?.startsWith('postgres')) {
      const schema = await withSchema(pg, 'CREATE');
      await run('postgres', schema.url);
      await withSchema(pg, 'DROP', schema.name);
    } else console.log('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
  }
}

/** A schema of its own, so the bench never touches other data; dropped afterwards. */
async function withSchema(
  url: string,
  verb: 'CREATE' | 'DROP',
  name?: string,
): Promise<{ name: string; url: string }> {
  const schema = name ?? `bench_status_${crypto.randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(verb === 'CREATE' ? `CREATE SCHEMA ${schema}` : `DROP SCHEMA ${schema} CASCADE`);
  await client.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { name: schema, url: u.toString() };
}

void main();
