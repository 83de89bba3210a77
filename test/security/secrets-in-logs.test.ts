// No secret in any log line, at trace level: every configured secret value (the keys ending in
// TOKEN or SECRET) and the known token shapes are masked in the finished line, whatever field holds
// them. Bolt's own debug output goes through the same logger, including Socket Mode's logging of
// raw envelopes (a person can paste a token into a message). Socket Mode is played by a local
// WebSocket server, as in test/slack/socket-mode.test.ts (https://docs.slack.dev/apis/events-api/using-socket-mode/).
import net from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { configuredSecrets, createLogger } from '../../src/logger';
import { BOT_ID, BOT_USER, TEAM, USER } from '../helpers/payloads';
import { BOT_TOKEN, eventually, startTestApp, testAppDeps } from '../helpers/app';
import { commandBody } from '../helpers/payloads';
import { SIGNING_SECRET } from '../helpers/signing';
import { Writable } from 'node:stream';

const APP_TOKEN = 'xapp-1-A0APP-1-secretapptoken';
const SECRETS = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_APP_TOKEN: APP_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  GITLAB_TOKEN: 'gl-token-without-prefix-123',
  CHATOPS_TRIGGER_TOKEN: 'trigger-token-value-456',
  ZENDESK_API_TOKEN: 'zendesk-api-token-789',
  PAGERDUTY_API_TOKEN: 'pd-token-value-abc',
};
const config = parseConfig({ ...SECRETS, ZENDESK_EMAIL: 'bot@gitlab.example', LOG_LEVEL: 'trace' });
const secrets = configuredSecrets(config);

function capture() {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('trace', sink, secrets), text: () => chunks.join('') };
}

const expectClean = (text: string) => {
  expect(text.length).toBeGreaterThan(0);
  for (const value of [...Object.values(SECRETS), ...secrets]) expect(text).not.toContain(value);
  for (const shape of [/xox[a-z]-\w/, /xapp-\w/, /glp(at|tt)-\w/, /xoxe\.?\w*-\w/])
    expect(text).not.toMatch(shape);
};

it('the secret values are all known, Zendesk Basic credential included', () => {
  expect(secrets).toEqual(expect.arrayContaining(Object.values(SECRETS)));
  expect(secrets).toContain(
    Buffer.from(`bot@gitlab.example/token:${SECRETS.ZENDESK_API_TOKEN}`).toString('base64'),
  );
});

it('masks secret values and token shapes in any field, nested, escaped, in keys and causes', () => {
  const { logger, text } = capture();
  logger.trace({ deep: { list: [{ v: SECRETS.PAGERDUTY_API_TOKEN }] }, [SECRETS.GITLAB_TOKEN]: 1 }, 'nested');
  logger.debug({ body: JSON.stringify({ token: SECRETS.CHATOPS_TRIGGER_TOKEN }) }, 'escaped inside JSON');
  logger.error(
    { err: new Error('x', { cause: new Error(`secret ${SECRETS.SLACK_SIGNING_SECRET}`) }) },
    'cause',
  );
  logger.info(
    { refresh: 'xoxe-1-abcdef', rotated: 'xoxe.xoxp-1-abcdef', trigger: 'glptt-abcdef123' },
    'shapes',
  );
  logger.info({ config }, 'the whole config');
  expectClean(text());
});

it('through the real Bolt app over HTTP at trace level', async () => {
  const { logger, text } = capture();
  const t = await startTestApp({ logger });
  try {
    await t.send(commandBody(`help me, my PagerDuty key is ${SECRETS.PAGERDUTY_API_TOKEN}`));
    await t.send(commandBody('help'), { 'x-slack-signature': `v0=${'0'.repeat(64)}` });
  } finally {
    await t.stop();
  }
  expectClean(text());
});

it('through Socket Mode, whose client logs raw envelopes at debug', async () => {
  const { logger, text } = capture();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  let socket: WebSocket | undefined;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
  });
  const wsPort = (wss.address() as net.AddressInfo).port;
  nock('https://slack.com')
    .post('/api/apps.connections.open')
    .reply(200, { ok: true, url: `ws://127.0.0.1:${wsPort}/link` });
  const app = createApp(await testAppDeps({ logger }), {
    token: BOT_TOKEN,
    appToken: APP_TOKEN,
    port: 0,
    botId: BOT_ID,
    botUserId: BOT_USER,
    client: { retries: 0, timeoutMs: 2000 },
  });
  try {
    await app.init();
    await app.start();
    await eventually(() => socket !== undefined);
    socket!.send(
      JSON.stringify({
        envelope_id: 'env-secret',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/support',
          text: `my tokens ${SECRETS.ZENDESK_API_TOKEN} and ${SECRETS.SLACK_SIGNING_SECRET}`,
          team_id: TEAM,
          user_id: USER,
          channel_id: 'C0CHAN',
          response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
          trigger_id: '1.2.3',
        },
      }),
    );
    await eventually(() => text().includes('env-secret'));
  } finally {
    await app.stop();
    await new Promise((r) => wss.close(r));
    nock.cleanAll();
  }
  expectClean(text());
});
