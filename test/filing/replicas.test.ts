// Two bot replicas sharing one PostgreSQL queue: every request is claimed by exactly one of them
// (FOR UPDATE SKIP LOCKED) and filed once.
import { RemoteStubs } from '../../bench/filing-stubs';
import { parseConfig } from '../../src/config';
import { buildFiling } from '../../src/compose-filing';
import type { FilingService } from '../../src/filing/service';
import { PostgresStore } from '../../src/store/postgres';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { describePostgres, freshPgSchema } from '../helpers/stores';

const slack = (posts: string[]) => ({
  chat: {
    postMessage: async (a: { channel: string; text: string }) => void posts.push(a.text),
    postEphemeral: async () => ({ ok: true }),
  },
  users: { info: async () => ({}) },
});

describePostgres('two replicas on PostgreSQL', () => {
  let stubs: RemoteStubs;
  const services: FilingService[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop();
    await stubs.stop();
  });

  it('file each of 40 requests exactly once between them', async () => {
    stubs = new RemoteStubs({ latencyMs: 5 });
    await stubs.start();
    const url = await freshPgSchema();
    const config = parseConfig({
      GITLAB_URL: stubs.url,
      GITLAB_TOKEN: 'glpat-x',
      ZENDESK_URL: stubs.url,
      ZENDESK_EMAIL: 'bot@gitlab.example',
      ZENDESK_API_TOKEN: 'z',
      FILING_POLL_MS: '20',
    });
    const posts: string[] = [];
    const logs = [memoryLogger(), memoryLogger()];
    for (const [i, owner] of ['replica-a', 'replica-b'].entries()) {
      const store = new PostgresStore(url);
      await store.migrate();
      services.push(
        (
          await buildFiling({
            config,
            logger: logs[i]!.logger,
            rules: handbookRules(),
            slack: slack(posts),
            store,
            owner,
          })
        ).filing,
      );
    }
    for (let i = 0; i < 40; i += 1) {
      const values =
        i % 2
          ? { title: `Idea ${i}`, description: 'd' }
          : { customer_email: `c${i}@acme.example`, subject: `S${i}`, description: 'd' };
      await services[i % 2]!.submit({
        id: `T1:V${i}`,
        teamId: 'T1',
        userId: 'U1',
        routeId: i % 2 ? 'support-meta' : 'ticket-on-behalf',
        payload: { values },
      });
    }
    services.forEach((s) => s.start());
    const store = services[0]!.store;
    for (let t = 0; t < 400 && (await store.countByStatus()).filed < 40; t += 1)
      await new Promise((r) => setTimeout(r, 25));
    expect(await store.countByStatus()).toEqual({ pending: 0, filed: 40, failed: 0 });
    expect(stubs.issues).toHaveLength(20);
    expect(stubs.duplicates()).toEqual([]);
    expect(stubs.tickets.size).toBe(20);
    expect(stubs.counts.ticketPosts).toBe(20);
    expect(stubs.counts.issuePosts).toBe(20);
    for (let t = 0; t < 100 && posts.length < 40; t += 1) await new Promise((r) => setTimeout(r, 25));
    expect(posts).toHaveLength(40);
    // Both replicas took part.
    const filedBy = logs.map((l) => l.lines().filter((line) => line.includes('"msg":"filed"')).length);
    expect(filedBy[0]! + filedBy[1]!).toBe(40);
    expect(Math.min(...filedBy)).toBeGreaterThan(0);
  }, 30_000);
});
