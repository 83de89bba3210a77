// Routing analytics and `support-router report`, run once per backend (SQLite and PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { reportCommand } from '../../src/cli/report';
import { evaluate, parseLabelled } from '../../src/routing/evaluate';
import { openStore, storeLocation } from '../../src/store';
import type { FilingStore } from '../../src/store/types';
import { testRules } from '../helpers/app';
import { tempDir } from '../helpers/stores';
import { DAY, HOUR, seedWeek, T0 } from './seed';

export type DatabaseFactory = () => Promise<string>;

async function report(url: string, opts: Parameters<typeof reportCommand>[1], now: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await reportCommand(
    { DATABASE_URL: url, DATA_DIR: 'unused' },
    opts,
    (t) => out.push(t),
    (t) => err.push(t),
    now,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function analyticsContract(database: DatabaseFactory): void {
  let url: string;
  let store: FilingStore;
  beforeEach(async () => {
    url = await database();
    store = await openStore(storeLocation({ DATABASE_URL: url, DATA_DIR: 'unused' }));
  });
  afterEach(async () => {
    await store.close();
  });

  it('report --json: exactly the documented keys, for the last 7 days', async () => {
    await seedWeek(store);
    const { code, out } = await report(url, { json: true }, T0 + DAY);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      since: new Date(T0 - 6 * DAY).toISOString(),
      until: new Date(T0 + DAY).toISOString(),
      total: 5,
      abstained: 1,
      routes: [
        { route: 'general-question', count: 2 },
        { route: 'star', count: 1 },
        { route: 'support-feedback', count: 1 },
        { route: 'unknown', count: 1 },
      ],
      surfaces: [
        { surface: 'command', count: 2 },
        { surface: 'global_shortcut', count: 1 },
        { surface: 'mention', count: 1 },
        { surface: 'message_shortcut', count: 1 },
      ],
      corrections: [
        { from: 'general-question', to: 'support-feedback', count: 1 },
        { from: 'unknown', to: 'general-question', count: 1 },
      ],
      filings: [
        { route: 'star', filed: 1, failed: 0 },
        { route: 'support-feedback', filed: 0, failed: 1 },
      ],
    });
  });

  it('report (text): rates, the misroutes, forms opened -> filed, time to filed, failures by service', async () => {
    await seedWeek(store);
    const { out } = await report(url, { since: '30d' }, T0 + DAY);
    expect(out).toContain('requests answered      6');
    expect(out).toContain('abstained (unknown)    1 (16.7%)');
    expect(out).toContain('medium-band answers    1 (16.7%)');
    expect(out).toMatch(/1 x\s+general-question -> support-feedback/);
    expect(out).toMatch(/star\s+1 opened\s+1 filed\s+100\.0%/);
    expect(out).toMatch(/star\s+1 filed\s+0 failed\s+1 dry run/);
    expect(out).toContain('time to filed          p50 30.0 s, p95 30.0 s (1 filed)');
    expect(out).toMatch(/filing failures by service\n\s+gitlab\s+1/);
  });

  it('reads --since as an ISO date and refuses anything else', async () => {
    await seedWeek(store);
    const { out } = await report(url, { json: true, since: '2026-11-20T12:30:00Z' }, T0 + DAY);
    expect(JSON.parse(out)).toMatchObject({ total: 4, abstained: 1 });
    const bad = await report(url, { since: 'last week' }, T0);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--since must be like 7d');
  });

  it('keeps no request text by default', async () => {
    await seedWeek(store, 0);
    expect(await store.analytics.correctedTexts(0, T0 + DAY)).toEqual([]);
    expect(await store.analytics.purgeTexts(T0 + 365 * DAY)).toBe(0);
  });

  it('keeps corrected and abstained texts N days, others only a day, then purges them', async () => {
    await seedWeek(store, 30);
    // After a day: the uncorrected answered texts (star, two shortcuts, the old one) are purged.
    expect(await store.analytics.purgeTexts(T0 + HOUR + DAY)).toBe(4);
    // The corrected ones (answered, and the abstained one that was then picked) stay for 30 days.
    const kept = await store.analytics.correctedTexts(T0 - DAY, T0 + 29 * DAY);
    expect(kept).toEqual([
      { text: 'how do I give feedback about a ticket?', route: 'support-feedback', from: 'general-question' },
      { text: 'zzz qqq', route: 'general-question', from: 'unknown' },
    ]);
    expect(await store.analytics.purgeTexts(T0 + 31 * DAY)).toBe(2);
    expect(await store.analytics.correctedTexts(T0 - DAY, T0 + 31 * DAY)).toEqual([]);
  });

  it('report --corrections --jsonl round-trips through the routing benchmark loader', async () => {
    await seedWeek(store, 30);
    const { code, out } = await report(url, { corrections: true, jsonl: true }, T0 + DAY);
    expect(code).toBe(0);
    const file = path.join(tempDir(), 'corrections.jsonl');
    fs.writeFileSync(file, `${out}\n`);
    // bench:routing -- --set corrections=FILE reads sets with parseLabelled and scores them with evaluate.
    const examples = parseLabelled(fs.readFileSync(file, 'utf8'));
    expect(examples).toEqual([
      { text: 'how do I give feedback about a ticket?', route: 'support-feedback', from: 'general-question' },
      { text: 'zzz qqq', route: 'general-question', from: 'unknown' },
    ]);
    const scored = evaluate(examples, testRules());
    expect(scored.total).toBe(2);
    expect(scored.predictions.map((p) => p.example.route)).toEqual(['support-feedback', 'general-question']);
  });

  it('--corrections needs --jsonl', async () => {
    const { code, err } = await report(url, { corrections: true }, T0);
    expect(code).toBe(2);
    expect(err).toContain('--jsonl');
  });

  it('reads the outbox for the gauges: pending count and the oldest pending row', async () => {
    expect(await store.analytics.outboxStats()).toEqual({ pending: 0 });
    await store.enqueue({ id: 'T:1', teamId: 'T', userId: 'U', routeId: 'star', payload: {} }, 5000);
    await store.enqueue({ id: 'T:2', teamId: 'T', userId: 'U', routeId: 'star', payload: {} }, 9000);
    expect(await store.analytics.outboxStats()).toEqual({ pending: 2, oldestPendingAt: 5000 });
    await store.analytics.ping();
  });
}

export const sqliteDatabase: DatabaseFactory = async () =>
  `sqlite:${path.join(tempDir(), 'analytics.sqlite')}`;
