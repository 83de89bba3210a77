// Events API dedupe shared through PostgreSQL: a retry delivered to another replica gets no second reply.
import net from 'node:net';
import nock from 'nock';
import { Client } from 'pg';
import { createPostgresEventDedupe, type PostgresEventDedupe } from '../../src/slack/dedupe-postgres';
import { eventually, startTestApp, type TestApp } from '../helpers/app';
import { memoryLogger } from '../helpers/logger';
import { eventBody, mentionEvent } from '../helpers/payloads';
import { describePostgres, freshPgSchema, freshPostgres } from '../helpers/stores';

/** A schema migrated by the store, as main does before the app takes requests. */
async function migratedSchema(): Promise<string> {
  const url = await freshPgSchema();
  await (await freshPostgres(url)).close();
  return url;
}

describePostgres('event dedupe shared through PostgreSQL', () => {
  const open: PostgresEventDedupe[] = [];
  const dedupe = (url: string, extra: Partial<Parameters<typeof createPostgresEventDedupe>[0]> = {}) => {
    const d = createPostgresEventDedupe({ url, logger: memoryLogger().logger, ...extra });
    open.push(d);
    return d;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
    nock.cleanAll();
  });

  it('replies once when Slack retries an event on another replica', async () => {
    const url = await migratedSchema();
    const replicas: TestApp[] = [
      await startTestApp({ dedupe: dedupe(url) }),
      await startTestApp({ dedupe: dedupe(url) }),
    ];
    try {
      let posts = 0;
      nock('https://slack.com')
        .persist()
        .post('/api/chat.postMessage')
        .reply(200, () => ((posts += 1), { ok: true, ts: '1.2' }));
      const event = eventBody(mentionEvent('how do I mirror a repo'));
      expect((await replicas[0]!.send(event)).status).toBe(200);
      const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
      expect((await replicas[1]!.send(event, retry)).status).toBe(200);
      await eventually(() => posts >= 1);
      await new Promise((r) => setTimeout(r, 150));
      expect(posts).toBe(1);
    } finally {
      for (const r of replicas) await r.stop();
    }
  });

  it('deletes expired ids, and an id counts once within the TTL', async () => {
    const url = await migratedSchema();
    let now = 1_000;
    const d = dedupe(url, { ttlMs: 600_000, cleanupEveryMs: 60_000, now: () => now });
    expect(await d.firstSeen('Ev1')).toBe(true);
    expect(await d.firstSeen('Ev1')).toBe(false);
    now += 600_001;
    expect(await d.firstSeen('Ev2')).toBe(true);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const ids = async () => (await client.query('SELECT id FROM slack_event_ids ORDER BY id')).rows;
      // The delete runs after the check returns, so wait for it.
      for (let i = 0; i < 100 && (await ids()).length > 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await ids()).toEqual([{ id: 'Ev2' }]);
    } finally {
      await client.end();
    }
  });
});

describe('event dedupe when PostgreSQL does not answer', () => {
  it('lets the event through within its time limit and logs why', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const { logger, lines } = memoryLogger();
    const d = createPostgresEventDedupe({ url: `postgres://nobody@127.0.0.1:${port}/none`, logger });
    try {
      const started = Date.now();
      expect(await d.firstSeen('Ev1')).toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(lines().join('\n')).toContain('event dedupe unavailable');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
      await d.close().catch(() => undefined);
    }
  });
});
