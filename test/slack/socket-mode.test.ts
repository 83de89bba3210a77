// The Socket Mode path: a local WebSocket server plays Slack (apps.connections.open is intercepted
// with nock and points the client at it). Commands are acked over the socket; a redelivered event
// envelope produces one reply; /healthz and the status webhooks are served on PORT.
import net from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '@slack/bolt';
import { createApp } from '../../src/app';
import { BOT_ID, BOT_USER, CHANNEL, mentionEvent, RESPONSE_URL, TEAM, USER } from '../helpers/payloads';
import { BOT_TOKEN, eventually, request, testAppDeps } from '../helpers/app';

const APP_TOKEN = 'xapp-1-A0APP-1-test';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('Socket Mode', () => {
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  let app: App;
  let healthPort: number;
  const acks = new Map<string, unknown>();

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const wsPort = (wss.address() as net.AddressInfo).port;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) acks.set(msg.envelope_id, msg.payload ?? null);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
    });
    nock('https://slack.com', { reqheaders: { authorization: `Bearer ${APP_TOKEN}` } })
      .post('/api/apps.connections.open')
      .reply(200, { ok: true, url: `ws://127.0.0.1:${wsPort}/link` });
    healthPort = await freePort();
    app = createApp(await testAppDeps(), {
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      port: healthPort,
      botId: BOT_ID,
      botUserId: BOT_USER,
      client: { retries: 0, timeoutMs: 2000 },
    });
    await app.init();
    await app.start();
    await eventually(() => socket !== undefined);
  });

  afterAll(async () => {
    await app.stop();
    await new Promise((r) => wss.close(r));
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const send = (envelope: object) => socket!.send(JSON.stringify(envelope));

  it('acks /support over the socket with the answer', async () => {
    send({
      envelope_id: 'env-cmd',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: TEAM,
        channel_id: CHANNEL,
        user_id: USER,
        command: '/support',
        text: 'help',
        api_app_id: 'A0APP',
        response_url: RESPONSE_URL,
        trigger_id: '1.2.3',
      },
    });
    await eventually(() => acks.has('env-cmd'));
    expect(JSON.stringify(acks.get('env-cmd'))).toContain('Examples');
  });

  it('replies once to an event envelope that Slack redelivers', async () => {
    let posts = 0;
    nock('https://slack.com')
      .persist()
      .post('/api/chat.postMessage')
      .reply(200, () => ((posts += 1), { ok: true, ts: '1.2' }));
    const payload = {
      team_id: TEAM,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: 1700000000,
      authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
      event: mentionEvent('how do I mirror a repo'),
    };
    send({ envelope_id: 'env-ev1', type: 'events_api', accepts_response_payload: false, payload });
    send({
      envelope_id: 'env-ev2',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: 'timeout',
      payload,
    });
    await eventually(() => acks.has('env-ev1') && acks.has('env-ev2') && posts >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).toBe(1);
  });

  it('serves /healthz on PORT', async () => {
    expect((await request(healthPort, 'GET', '/healthz')).status).toBe(200);
  });

  it('serves the status webhooks on PORT too (404 while their secrets are not set)', async () => {
    expect((await request(healthPort, 'POST', '/webhooks/zendesk', '{}')).status).toBe(404);
    expect((await request(healthPort, 'POST', '/webhooks/gitlab', '{}')).status).toBe(404);
  });
});
