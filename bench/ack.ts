// Ack latency benchmark: signed /support requests over loopback at fixed rates, against the real
// app (Web API stubbed on loopback) and, in the same run, against a bare Bolt app that only acks.
//   npm run bench:ack [-- --rates 50,100,200 --seconds 20,40,30 --rounds 6]
// Each app runs in its own child process, so its RSS is its own; the load alternates between them.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pctl, phase, SECRET, stubServer, type Sample } from './ack-load';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '50,100,200' },
    seconds: { type: 'string', default: '20,40,30' },
    rounds: { type: 'string', default: '6' },
  },
});
const rates = values.rates.split(',').map(Number);
const seconds = values.seconds.split(',').map(Number);
const ROUNDS = Number(values.rounds);

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (msg: { type: string }) => msg.type === type && (child.off('message', on), resolve(msg as T));
    child.on('message', on);
    child.send({ type });
  });
}

interface Target {
  kind: 'bare' | 'real';
  child: ChildProcess;
  port: number;
}

async function launch(kind: Target['kind'], stubPort: number): Promise<Target> {
  const child = fork(
    path.join(__dirname, 'ack-server.js'),
    [kind, SECRET, `http://127.0.0.1:${stubPort}/api/`],
    {
      stdio: 'inherit',
    },
  );
  child.once('exit', (code) => code && (console.error(`${kind} app exited with ${code}`), process.exit(1)));
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number })),
  );
  return { kind, child, port };
}

interface Row {
  kind: string;
  rate: number;
  sent: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  rssMb: number;
}

/**
 * Both apps run side by side; at each rate the load alternates between them in short rounds
 * (A B B A ...), so background noise on the machine falls on both alike.
 */
async function runRate(targets: Target[], stubPort: number, rate: number, secs: number): Promise<Row[]> {
  const samples = new Map(targets.map((t) => [t.kind, { latencies: [], errors: 0, sent: 0 } as Sample]));
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 ? [...targets].reverse() : targets;
    for (const t of order) await phase(t.port, stubPort, rate, secs / ROUNDS, samples.get(t.kind)!);
  }
  const rows: Row[] = [];
  for (const t of targets) {
    const s = samples.get(t.kind)!;
    const sorted = s.latencies.sort((a, b) => a - b);
    const rssMb = (await ask<{ rss: number }>(t.child, 'rss')).rss / 2 ** 20;
    rows.push({
      kind: t.kind,
      rate,
      sent: s.sent,
      errors: s.errors,
      p50: pctl(sorted, 0.5),
      p99: pctl(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
      rssMb,
    });
  }
  return rows;
}

async function main() {
  const stub = await stubServer();
  const targets = [await launch('bare', stub.port), await launch('real', stub.port)];
  for (const t of targets) await phase(t.port, stub.port, 20, 2, { latencies: [], errors: 0, sent: 0 }); // warm-up
  const rows: Row[] = [];
  for (const [i, rate] of rates.entries())
    rows.push(...(await runRate(targets, stub.port, rate, seconds[i] ?? seconds[0]!)));
  const cache = await ask<{ p50: number; p99: number }>(targets[1]!.child, 'cache');
  for (const t of targets) t.child.send({ type: 'stop' });
  console.log(
    '\n| app | rate (req/s) | requests | errors | ack p50 (ms) | ack p99 (ms) | max (ms) | RSS after (MB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || a.rate - b.rate))
    console.log(
      `| ${row.kind} | ${row.rate} | ${row.sent} | ${row.errors} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.max.toFixed(1)} | ${row.rssMb.toFixed(0)} |`,
    );
  for (const rate of rates) {
    const [bare, real] = ['bare', 'real'].map((k) => rows.find((r) => r.kind === k && r.rate === rate)!);
    console.log(`p99 ratio real/bare at ${rate}/s: ${(real!.p99 / bare!.p99).toFixed(2)}x`);
  }
  const sent = rows.filter((r) => r.kind === 'real').reduce((n, r) => n + r.sent, 0);
  console.log(`real app: ${sent} requests in total (plus warm-up); Web API stub calls: ${stub.calls()}`);
  console.log(
    `on-call answer from cache: p50 ${cache.p50.toFixed(4)} ms, p99 ${cache.p99.toFixed(4)} ms (10,000 lookups)`,
  );
  stub.server.close();
}

void main();
