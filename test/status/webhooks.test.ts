// The webhook endpoints through the real HTTP server: refused (401) before the body is read when the
// headers say so, 200 once the check is recorded in the store, vendors' other events ignored.
import net from 'node:net';
import nock from 'nock';
import { freshSqlite } from '../helpers/stores';
import { startStatusApp, type StatusApp } from './harness';
import {
  fileStarRequest,
  fileTicketRequest,
  gitlabHeaders,
  issueEvent,
  ZENDESK_SECRET,
  zendeskHeaders,
} from './standins';

let app: StatusApp;
beforeEach(async () => {
  app = await startStatusApp();
  await fileTicketRequest(app.store);
  await fileStarRequest(app.store);
  await app.status.worker.adopt();
});
afterEach(async () => {
  await app.stop();
  nock.cleanAll();
});

const trigger = JSON.stringify({ ticket_id: '412233' });
const watched = async (id: string) => (await app.store.status.get(id))!;

/** Sends the headers of a request whose body never comes: only an answer from the headers ends it. */
function headersOnly(port: number, path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Length: 100000'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
    setTimeout(() => reject(new Error('no answer before the body')), 2000).unref();
  });
}

describe('POST /webhooks/zendesk', () => {
  it('answers 200 once a signed trigger is recorded, and the ticket is due for a check', async () => {
    const before = await watched('T1:V1');
    const res = await app.post('/webhooks/zendesk', trigger, zendeskHeaders(trigger));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, result: 'recorded' });
    expect((await watched('T1:V1')).requests).toBe(before.requests + 1);
  });

  it('takes the ticket id from ticket.id and from an event webhook detail.id', async () => {
    const event = JSON.stringify({
      type: 'zen:event-type:ticket.status_changed',
      detail: { id: '412233', status: 'PENDING' },
      event: { current: 'PENDING', previous: 'OPEN' },
    });
    for (const body of [JSON.stringify({ ticket: { id: 412233 } }), event]) {
      const res = await app.post('/webhooks/zendesk', body, zendeskHeaders(body));
      expect(res.json()).toEqual({ ok: true, result: 'recorded' });
    }
    expect((await watched('T1:V1')).requests).toBe(2);
  });

  it('refuses an unsigned request before reading its body', async () => {
    expect(
      await headersOnly(app.t.port, '/webhooks/zendesk', { 'content-type': 'application/json' }),
    ).toMatch(/ 401 /);
    const res = await app.post('/webhooks/zendesk', trigger, { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect((await watched('T1:V1')).requests).toBe(0);
  });

  it('refuses a timestamp outside 5 minutes, either way, before reading the body', async () => {
    for (const at of [new Date(Date.now() - 6 * 60_000), new Date(Date.now() + 6 * 60_000)]) {
      const { 'x-zendesk-webhook-signature': sig, 'x-zendesk-webhook-signature-timestamp': ts } =
        zendeskHeaders(trigger, { at });
      expect(
        await headersOnly(app.t.port, '/webhooks/zendesk', {
          'x-zendesk-webhook-signature': sig,
          'x-zendesk-webhook-signature-timestamp': ts,
        }),
      ).toMatch(/ 401 /);
    }
  });

  it('refuses a wrong signature, another secret, or a body changed after signing', async () => {
    const other = zendeskHeaders(trigger, { secret: `${ZENDESK_SECRET}x` });
    expect((await app.post('/webhooks/zendesk', trigger, other)).status).toBe(401);
    const signed = zendeskHeaders(trigger);
    expect((await app.post('/webhooks/zendesk', JSON.stringify({ ticket_id: '1' }), signed)).status).toBe(
      401,
    );
    expect((await watched('T1:V1')).requests).toBe(0);
  });

  it('acknowledges a ticket the bot did not file, and records nothing', async () => {
    const body = JSON.stringify({ ticket_id: '999' });
    const res = await app.post('/webhooks/zendesk', body, zendeskHeaders(body));
    expect(res.json()).toEqual({ ok: true, result: 'ignored' });
  });

  it('answers a retried delivery (same invocation id) as a duplicate', async () => {
    const headers = zendeskHeaders(trigger, { invocation: '8350205582' });
    expect((await app.post('/webhooks/zendesk', trigger, headers)).json()).toEqual({
      ok: true,
      result: 'recorded',
    });
    expect((await app.post('/webhooks/zendesk', trigger, headers)).json()).toEqual({
      ok: true,
      result: 'duplicate',
    });
    expect((await watched('T1:V1')).requests).toBe(1);
  });

  it('answers 503 when the store does not answer, so Zendesk retries', async () => {
    await app.store.close();
    const res = await app.post('/webhooks/zendesk', trigger, zendeskHeaders(trigger));
    expect(res.status).toBe(503);
    app.store = await freshSqlite(); // stop() closes a store
  });
});

describe('POST /webhooks/gitlab', () => {
  const closed = issueEvent('gitlab-com/support/ticket-attention-requests', 77, 'close');

  it('answers 200 once an issue event is recorded (confidential issues too)', async () => {
    for (const event of ['Issue Hook', 'Confidential Issue Hook']) {
      const res = await app.post('/webhooks/gitlab', closed, gitlabHeaders(event));
      expect(res.json()).toEqual({ ok: true, result: 'recorded' });
    }
    expect((await watched('T1:V2')).requests).toBe(2);
  });

  it('matches a comment event by its issue, the project path in any case', async () => {
    const note = JSON.stringify({
      object_kind: 'note',
      project: { path_with_namespace: 'GitLab-com/Support/Ticket-Attention-Requests' },
      object_attributes: { noteable_type: 'Issue', note: 'not read' },
      issue: { iid: 77 },
    });
    const res = await app.post('/webhooks/gitlab', note, gitlabHeaders('Confidential Note Hook'));
    expect(res.json()).toEqual({ ok: true, result: 'recorded' });
  });

  it('refuses a missing or wrong token before reading the body', async () => {
    expect(await headersOnly(app.t.port, '/webhooks/gitlab', { 'x-gitlab-event': 'Issue Hook' })).toMatch(
      / 401 /,
    );
    const wrong = gitlabHeaders('Issue Hook', { token: 'gitlab-webhook-secret-tokeN' });
    expect(await headersOnly(app.t.port, '/webhooks/gitlab', wrong)).toMatch(/ 401 /);
    expect((await watched('T1:V2')).requests).toBe(0);
  });

  it('acknowledges other events and issues the bot did not file', async () => {
    expect((await app.post('/webhooks/gitlab', '{}', gitlabHeaders('Push Hook'))).status).toBe(200);
    const other = issueEvent('gitlab-org/gitlab', 77, 'close');
    expect((await app.post('/webhooks/gitlab', other, gitlabHeaders())).json()).toEqual({
      ok: true,
      result: 'ignored',
    });
    expect((await watched('T1:V2')).requests).toBe(0);
  });

  it('answers a repeated X-Gitlab-Event-UUID as a duplicate', async () => {
    const headers = gitlabHeaders('Issue Hook', { uuid: '13792a34-cac6-4fda-95a8-c58e00a3954e' });
    await app.post('/webhooks/gitlab', closed, headers);
    expect((await app.post('/webhooks/gitlab', closed, headers)).json()).toEqual({
      ok: true,
      result: 'duplicate',
    });
  });
});

describe('without the secrets', () => {
  it('answers 404: the endpoints are off', async () => {
    const off = await startStatusApp({ config: { ZENDESK_WEBHOOK_SECRET: '', GITLAB_WEBHOOK_SECRET: '' } });
    try {
      expect((await off.post('/webhooks/zendesk', trigger, zendeskHeaders(trigger))).status).toBe(404);
      expect((await off.post('/webhooks/gitlab', '{}', gitlabHeaders())).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
