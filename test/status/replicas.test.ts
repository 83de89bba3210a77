// Two replicas on one PostgreSQL: each webhook may reach either of them, both poll, and the store's
// lease (FOR UPDATE SKIP LOCKED) lets one of them check a request at a time, so a change is told once.
import nock from 'nock';
import { PostgresStore } from '../../src/store/postgres';
import { eventually } from '../helpers/http';
import { describePostgres, freshPgSchema } from '../helpers/stores';
import { startStatusApp, type StatusApp } from './harness';
import { fileTicketRequest, newTicket, REQUESTER, zendeskHeaders, zendeskTicketStandin } from './standins';

describePostgres('status updates on two replicas sharing PostgreSQL', () => {
  const apps: StatusApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
    nock.cleanAll();
  });

  it('tell a change once, whichever replica the webhooks reach', async () => {
    const url = await freshPgSchema();
    for (const owner of ['replica-a', 'replica-b']) {
      const store = new PostgresStore(url);
      await store.migrate();
      apps.push(await startStatusApp({ store, owner, config: { STATUS_POLL_SECONDS: '60' } }));
    }
    const [a, b] = apps as [StatusApp, StatusApp];
    const ticket = newTicket();
    const calls = zendeskTicketStandin(412233, () => ticket);
    await fileTicketRequest(a.store);
    await a.status.noticePosted('T1:V1', 'requester', { kind: 'dm', channel: REQUESTER });
    a.status.start();
    b.status.start();
    await eventually(() => calls.ticket >= 1, 5000);
    for (let t = 0; t < 100 && !(await a.store.status.get('T1:V1'))?.snapshot; t += 1)
      await new Promise((r) => setTimeout(r, 20));

    ticket.status = 'solved';
    ticket.updated_at = '2026-12-02T09:00:00Z';
    const body = JSON.stringify({ ticket_id: '412233' });
    // Zendesk fires the trigger twice, and retries one delivery on the other replica.
    const first = zendeskHeaders(body, { invocation: 'inv-a' });
    const answers = await Promise.all([
      a.post('/webhooks/zendesk', body, first),
      b.post('/webhooks/zendesk', body, zendeskHeaders(body, { invocation: 'inv-b' })),
      b.post('/webhooks/zendesk', body, first),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const posts = () => [...a.posts, ...b.posts];
    await eventually(() => posts().length >= 1, 5000);
    // Give both loops time to act on every webhook (each asked for a look): still one notice.
    await new Promise((r) => setTimeout(r, 1000));
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.channel).toBe(REQUESTER);
    expect(JSON.stringify(posts()[0])).toContain('Now *solved*');
  });
});
