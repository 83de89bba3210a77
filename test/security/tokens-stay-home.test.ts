// Tokens stay home, checked over real loopback sockets (two ports are two origins): the configured
// host answers 302 to another origin, and that origin must never see a request, let alone the token.
// fetch's `redirect: 'error'` is the documented way to refuse (https://fetch.spec.whatwg.org/#concept-request-redirect-mode).
// The ChatOps on-call client is rebuilt on its own branch and is not covered here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { webApi } from '@slack/bolt';
import { parseConfig } from '../../src/config';
import { GitlabFiler } from '../../src/filing/gitlab';
import { createGitlabClient, singleShotRequest } from '../../src/filing/gitlab-client';
import { createZendeskClient, zendeskCallContext } from '../../src/filing/zendesk-client';
import { createPagerDutyProvider } from '../../src/oncall/pagerduty';
import { webClientOptions } from '../../src/slack/client-options';

interface Origin {
  url: string;
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A loopback server: answers every request with `respond`, and records the headers it saw. */
async function origin(respond: (res: http.ServerResponse) => void): Promise<Origin> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    respond(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let elsewhere: Origin;
let home: Origin;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
beforeEach(async () => {
  elsewhere = await origin((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  home = await origin((res) => res.writeHead(302, { location: `${elsewhere.url}/stolen` }).end());
});
afterEach(async () => {
  await home.close();
  await elsewhere.close();
});

const SECRET = 'glpat-never-leaves-home';

describe('a 302 from the configured host to another origin is not followed', () => {
  it('GitLab (filing client): fails, and the other origin never sees the token', async () => {
    const filer = new GitlabFiler(createGitlabClient({ host: home.url, token: SECRET, timeoutMs: 2000 }));
    await expect(filer.findByMarker('grp/proj', 'T1:V1')).rejects.toThrow();
    expect(home.seen[0]?.['private-token']).toBe(SECRET);
    expect(elsewhere.seen).toEqual([]);
  });

  it('Zendesk: fails, and the other origin sees nothing', async () => {
    const tickets = createZendeskClient({ url: home.url, email: 'bot@example.com', token: 'zd-secret' });
    await expect(
      zendeskCallContext.run({ timeoutMs: 2000 }, () => tickets.create({ ticket: { subject: 's' } })),
    ).rejects.toThrow();
    expect(home.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it('PagerDuty: fails, and the other origin sees nothing', async () => {
    const provider = createPagerDutyProvider({
      apiUrl: home.url,
      token: 'pd-secret',
      targets: {
        support: { scheduleIds: ['P1'], escalationPolicyIds: [] },
        cmoc: { scheduleIds: ['P2'], escalationPolicyIds: [] },
        manager: { scheduleIds: [], escalationPolicyIds: [] },
      },
    });
    await expect(provider.lookup('support', AbortSignal.timeout(2000))).rejects.toThrow();
    expect(elsewhere.seen).toEqual([]);
  });

  it('Slack Web API (the client Bolt uses): fails, and the other origin sees nothing', async () => {
    const client = new webApi.WebClient(
      'xoxb-never-leaves',
      webClientOptions({ slackApiUrl: `${home.url}/api/`, retries: 0 }),
    );
    await expect(client.auth.test()).rejects.toThrow();
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('the token goes to the configured origin only', () => {
  it('GitLab: an absolute endpoint (a pagination link, say) on another origin is refused before sending', async () => {
    await expect(
      singleShotRequest(new URL(home.url).origin, `${elsewhere.url}/api/v4/issues`, {
        headers: { 'PRIVATE-TOKEN': SECRET },
      }),
    ).rejects.toMatchObject({ kind: 'permanent' });
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('URLs the bot sends tokens to must be https (loopback excepted)', () => {
  const fields = ['GITLAB_URL', 'ZENDESK_URL', 'PAGERDUTY_API_URL', 'SLACK_API_URL'];

  it.each(fields)('%s: http on a real host is refused at boot, with the reason', (field) => {
    expect(() => parseConfig({ [field]: 'http://example.com/' })).toThrow(
      new RegExp(`${field}: must be an https:// URL`),
    );
  });

  it.each(fields)('%s: https anywhere, and http on loopback (tests), are accepted', (field) => {
    for (const value of ['https://example.com/', 'http://127.0.0.1:8080/', 'http://localhost:3000/'])
      expect(() => parseConfig({ [field]: value })).not.toThrow();
  });

  it('a look-alike of loopback is not loopback', () => {
    expect(() => parseConfig({ GITLAB_URL: 'http://127.0.0.1.evil.example/' })).toThrow(/GITLAB_URL/);
  });
});
