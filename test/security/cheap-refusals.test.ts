// Cheap refusals first: the request URL is public, and Bolt buffers a whole body (up to the cap)
// before it checks the signature (reliability notes §2, bolt-js HTTPModuleFunctions). The guard
// answers from the headers alone, so a forged request costs no buffering and no HMAC. Slack's
// scheme: `X-Slack-Signature: v0=<hex HMAC-SHA256>`, `X-Slack-Request-Timestamp` in seconds, and
// "reject requests older than five minutes" (https://api.slack.com/authentication/verifying-requests-from-slack).
import net from 'node:net';
import type { Server } from 'node:http';
import {
  createReceiver,
  HEADERS_TIMEOUT_MS,
  MAX_CONNECTIONS,
  REQUEST_TIMEOUT_MS,
} from '../../src/slack/receiver';
import { createLogger } from '../../src/logger';
import { useTestApp } from '../helpers/app';
import { commandBody } from '../helpers/payloads';
import { signedHeaders } from '../helpers/signing';

let classified = 0;
const app = useTestApp({
  classify: () => {
    classified += 1;
    return { route: 'unknown', confidence: 0, alternatives: [], evidence: [] };
  },
});

/**
 * Sends the headers and only the first bytes of a body that claims `length` bytes, and resolves
 * with the status line: a server that waited for the body would never answer.
 */
function headersOnly(port: number, headers: Record<string, string>, length = 500_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const lines = [
      'POST /slack/events HTTP/1.1',
      'Host: 127.0.0.1',
      `Content-Length: ${length}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\ntext=hello`);
    socket.setTimeout(2000, () => reject(new Error('no answer before the body was sent')));
    socket.once('data', (d) => {
      resolve(d.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

const now = () => Math.floor(Date.now() / 1000);
const goodSignature = `v0=${'0a'.repeat(32)}`;

describe('refused from the headers, before the body is read', () => {
  // Headers are built when the test runs: a timestamp taken when the suite is collected is already
  // seconds old once a slow app start is over, and 301 s ahead would then be within the window.
  const cases: Array<[string, () => Record<string, string>]> = [
    ['no signature and no timestamp', () => ({})],
    [
      'a signature that is not v0=<64 hex>',
      () => ({ 'x-slack-signature': 'v0=zz', 'x-slack-request-timestamp': String(now()) }),
    ],
    [
      'another scheme',
      () => ({ 'x-slack-signature': `v1=${'0a'.repeat(32)}`, 'x-slack-request-timestamp': String(now()) }),
    ],
    [
      'a timestamp that is not an integer',
      () => ({ 'x-slack-signature': goodSignature, 'x-slack-request-timestamp': '1.7e9' }),
    ],
    [
      'a timestamp 301 s old',
      () => ({ 'x-slack-signature': goodSignature, 'x-slack-request-timestamp': String(now() - 301) }),
    ],
    [
      'a timestamp 301 s ahead',
      () => ({ 'x-slack-signature': goodSignature, 'x-slack-request-timestamp': String(now() + 301) }),
    ],
  ];

  it.each(cases)('%s: 401 while the body is still on its way', async (_name, headers) => {
    expect(await headersOnly(app().port, headers())).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('a declared body over the 1 MiB cap: 413 without reading it', async () => {
    expect(await headersOnly(app().port, {}, 2 * 1024 * 1024)).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('a well-shaped but wrong signature is still refused by Bolt after reading, and no listener runs', async () => {
    const { body } = commandBody('/support anything');
    const headers = { ...signedHeaders(body), 'x-slack-signature': goodSignature };
    const before = classified;
    const res = await app().send({ body, contentType: 'application/x-www-form-urlencoded' }, headers);
    expect(res.status).toBe(401);
    expect(classified).toBe(before);
  });

  it('a correctly signed request still gets through', async () => {
    expect((await app().send(commandBody('something to route'))).status).toBe(200);
  });
});

describe('the HTTP server', () => {
  it('drops slow clients quickly and bounds its connections', async () => {
    const receiver = createReceiver({ logger: createLogger('silent'), signingSecret: 's', port: 0 });
    const server = (await receiver.start(0)) as Server;
    try {
      expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
      expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
      expect(server.maxConnections).toBe(MAX_CONNECTIONS);
      expect(HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS);
    } finally {
      await receiver.stop();
    }
  });
});
