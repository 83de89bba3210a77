// The crash-loop soak of `npm run bench:filing`: a burst of submissions while the worker process is
// SIGKILLed and started again at random, several times (SQLite: the one bot process; PostgreSQL: one
// of two replicas, the other running on). Each worker is bench/filing-soak-worker.ts with the
// default lease and timeout. Reports filed / lost / doubled, messages sent twice, and the recovery
// time after each restart: from starting the new process to every request the killed one had in
// flight being filed.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openStore, type StoreLocation } from '../src/store';
import type { FilingStore } from '../src/store/types';
import { formAnswers, pct } from './filing-load';
import { RemoteStubs, type StubOptions } from './filing-stubs';
import type { SoakWorkerMessage } from './filing-soak-worker';

export interface SoakOptions {
  count: number;
  kills: number;
  /** Arrivals per second of the burst. */
  rate: number;
  stubs: StubOptions;
}

/** Past this the soak reports what it has (the requests still open count as lost). */
const SOAK_LIMIT_MS = 4 * 60_000;
const STAR_CHANNEL = 'CBVAE1L48';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

interface Worker {
  child: ChildProcess;
  owner: string;
}

/** The requests a worker's loops held leases on (`owner/0`, `owner/1`, ...), still to file or tell. */
async function leasedBy(location: StoreLocation, owner: string): Promise<string[]> {
  const sql = `SELECT id FROM submissions WHERE lease_owner LIKE '${owner}/%' AND (status = 'pending' OR notified = FALSE)`;
  if (location.kind === 'sqlite') {
    const db = new Database(location.file, { readonly: true });
    try {
      return (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: location.url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(sql)).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** Resolves with the time at which every one of `ids` is filed (or parked), polling the store. */
async function filedAt(store: FilingStore, ids: string[]): Promise<number> {
  const open = new Set(ids);
  while (open.size > 0) {
    for (const id of [...open]) if ((await store.get(id))?.status !== 'pending') open.delete(id);
    if (open.size > 0) await sleep(50);
  }
  return Date.now();
}

export async function soak(location: StoreLocation, options: SoakOptions): Promise<void> {
  const stubs = new RemoteStubs(options.stubs);
  const stubsUrl = await stubs.start();
  const store = await openStore(location);
  const told = new Map<string, number>();
  let lives = 0;
  const startWorker = async (name: string): Promise<Worker> => {
    const owner = `${name}.${++lives}`;
    const child = fork(path.join(__dirname, 'filing-soak-worker.js'), [
      JSON.stringify({ owner, stubsUrl, location }),
    ]);
    await new Promise<void>((resolve) =>
      child.on('message', (m: SoakWorkerMessage) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'told') told.set(m.channel, (told.get(m.channel) ?? 0) + 1);
      }),
    );
    return { child, owner };
  };
  const names = location.kind === 'sqlite' ? ['r1'] : ['r1', 'r2'];
  const workers: Worker[] = [];
  for (const name of names) workers.push(await startWorker(name));

  const started = Date.now();
  const ids = Array.from({ length: options.count }, (_, i) => `TS:V${i}`);
  const burst = (async () => {
    for (const [i, id] of ids.entries()) {
      const form = formAnswers(i);
      const payload = { values: form.values, ...(form.option ? { optionId: form.option } : {}) };
      await store.enqueue(
        { id, teamId: 'TS', userId: `USOAK${i}`, routeId: form.route, payload },
        Date.now(),
      );
      await sleep(1000 / options.rate);
    }
  })();

  // The first replica dies again and again; on PostgreSQL the second one files on meanwhile.
  const restarts: Promise<{ inFlight: number; recoveryMs: number }>[] = [];
  for (let k = 0; k < options.kills; k += 1) {
    await sleep(between(500, 2000));
    const victim = workers[0]!;
    // At a random moment when it holds work (mid-call, most likely), unless it holds none for 3 s.
    for (let t = 0; t < 60 && (await leasedBy(location, victim.owner)).length === 0; t += 1) await sleep(50);
    const exited = new Promise((r) => victim.child.once('exit', r));
    victim.child.kill('SIGKILL');
    await exited;
    const inFlight = await leasedBy(location, victim.owner);
    await sleep(between(200, 1000));
    const restartedAt = Date.now();
    workers[0] = await startWorker('r1');
    restarts.push(
      filedAt(store, inFlight).then((at) => ({ inFlight: inFlight.length, recoveryMs: at - restartedAt })),
    );
  }
  await burst;
  const recoveries = await Promise.all(restarts);
  const settled = async () => {
    const rows = await Promise.all(ids.map((id) => store.get(id)));
    return rows.every((r) => r && r.status !== 'pending' && r.notified);
  };
  while (!(await settled()) && Date.now() - started < SOAK_LIMIT_MS) await sleep(100);
  const doneS = (Date.now() - started) / 1000;
  report(location, options, stubs, await store.countByStatus(), told, recoveries, doneS);

  for (const w of workers) {
    const exited = new Promise((r) => w.child.once('exit', r));
    w.child.disconnect();
    await exited;
  }
  await store.close();
  await stubs.stop();
}

function report(
  location: StoreLocation,
  options: SoakOptions,
  stubs: RemoteStubs,
  counts: Record<string, number>,
  told: Map<string, number>,
  recoveries: { inFlight: number; recoveryMs: number }[],
  doneS: number,
): void {
  const issues = Array.from({ length: options.count }, (_, i) => formAnswers(i)).filter(
    (f) => !f.route.startsWith('internal-request'),
  ).length;
  const stars = Array.from({ length: options.count }, (_, i) => formAnswers(i)).filter(
    (f) => f.route === 'star',
  ).length;
  const filed = counts.filed ?? 0;
  const failed = counts.failed ?? 0;
  const doubled =
    stubs.duplicates().length +
    Math.max(0, stubs.issues.length - issues) +
    Math.max(0, stubs.tickets.size - (options.count - issues));
  const toldTwice = [...told].filter(([channel, n]) => channel !== STAR_CHANNEL && n > 1).length;
  const withWork = recoveries.filter((r) => r.inFlight > 0).map((r) => r.recoveryMs / 1000);
  const replicas = location.kind === 'sqlite' ? '1 replica' : '2 replicas, one of them';
  console.log(
    [
      `soak ${location.kind} (${replicas} SIGKILLed and restarted ${recoveries.length} times), ${options.count} submissions at ${options.rate}/s`,
      `  result: filed ${filed}, failed ${failed}, lost ${options.count - filed - failed}, doubled ${doubled} (issues ${stubs.issues.length}/${issues}, tickets ${stubs.tickets.size}/${options.count - issues}); all filed and told after ${doneS.toFixed(1)} s`,
      `  told twice: ${toldTwice} requesters, ${Math.max(0, (told.get(STAR_CHANNEL) ?? 0) - stars)} STAR notices (a kill between Slack's answer and the row's update)`,
      `  recovery after a restart (the killed process's requests in flight, filed): ${withWork.length ? `p50 ${pct(withWork, 50).toFixed(1)} s, max ${Math.max(...withWork).toFixed(1)} s` : 'no restart had work in flight'}`,
      `  per restart (in flight -> seconds): ${recoveries.map((r) => (r.inFlight ? `${r.inFlight} -> ${(r.recoveryMs / 1000).toFixed(1)}` : '0')).join(', ')}`,
    ].join('\n'),
  );
}
