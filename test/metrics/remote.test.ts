// Outgoing calls timed by service through diagnostics_channel: fetch (Slack's Web API, gitbeaker,
// PagerDuty) and node:http (node-zendesk). Real loopback servers stand in for the services, since a
// nock interceptor answers before Node's HTTP stack (and its channels) is reached.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createMetrics, type Metrics } from '../../src/metrics/registry';
import { instrumentRemoteCalls, serviceResolver } from '../../src/metrics/remote';

describe('serviceResolver', () => {
  const resolve = serviceResolver({
    SLACK_API_URL: undefined,
    GITLAB_URL: 'https://gitlab.example.com',
    ZENDESK_URL: 'https://acme.zendesk.com',
    PAGERDUTY_API_URL: 'https://api.pagerduty.com',
  });

  it('labels each configured host, Slack and Zendesk hosts by name, and ChatOps by its API path', () => {
    expect(resolve('slack.com', '/api/chat.postMessage')).toBe('slack');
    expect(resolve('hooks.slack.com', '/commands/T/1/x')).toBe('slack');
    expect(resolve('gitlab.example.com', '/api/v4/projects/1/issues')).toBe('gitlab');
    expect(resolve('gitlab.example.com', '/api/v4/projects/ops%2Fchatops/trigger/pipeline')).toBe('chatops');
    expect(resolve('gitlab.example.com', '/api/v4/projects/9/jobs/7/trace')).toBe('chatops');
    expect(resolve('ACME.zendesk.com', '/api/v2/tickets.json')).toBe('zendesk');
    expect(resolve('api.pagerduty.com', '/oncalls')).toBe('pagerduty');
  });

  it('records nothing for a host the bot was not configured to call (no free-form label)', () => {
    expect(resolve('evil.example', '/')).toBeUndefined();
    expect(resolve('slack.com.evil.example', '/')).toBeUndefined();
  });
});

describe('instrumentRemoteCalls', () => {
  let server: http.Server;
  let port: number;
  /** A second port on the same server, standing in for Zendesk. */
  let zendesk: http.Server;
  let zendeskPort: number;
  let metrics: Metrics;
  let stop: () => void;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server = http.createServer((req, res) => {
      res.writeHead(req.url?.includes('missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    zendesk = http.createServer(server.listeners('request')[0] as http.RequestListener);
    await new Promise<void>((r) => zendesk.listen(0, '127.0.0.1', r));
    zendeskPort = (zendesk.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => zendesk.close(() => r()));
  });
  beforeEach(() => {
    metrics = createMetrics();
    stop = instrumentRemoteCalls(metrics, {
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      GITLAB_URL: 'https://gitlab.com',
      ZENDESK_URL: `http://127.0.0.1:${zendeskPort}`,
      PAGERDUTY_API_URL: 'https://api.pagerduty.com',
    });
  });
  afterEach(() => stop());

  const count = async (service: string, status: string) => {
    const { values } = await metrics.remoteSeconds.get();
    return (
      values.find(
        (v) =>
          v.metricName === 'support_router_remote_request_seconds_count' &&
          v.labels.service === service &&
          v.labels.status === status,
      )?.value ?? 0
    );
  };

  it('times fetch calls by service and HTTP status', async () => {
    await (await fetch(`http://127.0.0.1:${port}/api/auth.test`)).text();
    await (await fetch(`http://127.0.0.1:${port}/api/missing`)).text();
    expect(await count('slack', '200')).toBe(1);
    expect(await count('slack', '404')).toBe(1);
  });

  it('times node:http calls (node-zendesk) the same way', async () => {
    await new Promise<void>((resolve, reject) =>
      http
        .request(`http://127.0.0.1:${zendeskPort}/api/v2/tickets.json`, { method: 'GET' }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject)
        .end(),
    );
    expect(await count('zendesk', '200')).toBe(1);
  });

  it('stops recording once unsubscribed', async () => {
    stop();
    await (await fetch(`http://127.0.0.1:${port}/api/auth.test`)).text();
    expect(await count('slack', '200')).toBe(0);
  });
});
