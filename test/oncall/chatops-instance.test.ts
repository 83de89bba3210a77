// ChatOps on its own GitLab instance, as GitLab runs it (an operations instance, not the one issues
// are filed in), through the bot's own configuration and the real gitbeaker client.
// - Trigger API: token, ref and variables[KEY] as parameters of POST /projects/:id/trigger/pipeline
//   https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
// - A ChatOps run passes CHAT_INPUT, CHAT_CHANNEL and CHAT_USER_ID to the job
//   https://docs.gitlab.com/ci/chatops/
// - gitbeaker's default requester retries any method on 429/502 (so a POST could start a second
//   pipeline); the bot's requester sends each call once and follows no redirect, so the token only
//   reaches the configured origin.
import http from 'node:http';
import nock from 'nock';
import { parseConfig } from '../../src/config';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { createOncall } from '../../src/oncall';
import { createChatopsProvider } from '../../src/oncall/gitlab-chatops';
import { memoryLogger } from '../helpers/logger';
import { useStrictNock } from '../helpers/strict-nock';

const OPS = 'https://ops.gitlab.example';
const PROJECT = '/api/v4/projects/chatops%2Fbot';
const LOG =
  'section_start:1700000000:chat_reply\r\u001b[0KMax Manager - Primary Oncall <@U0MAX>\nsection_end:1700000001:chat_reply\r\u001b[0K\n';

const config = (extra: Record<string, string> = {}) =>
  parseConfig({
    ONCALL_PROVIDER: 'gitlab-chatops',
    GITLAB_URL: 'https://gitlab.example.com',
    GITLAB_TOKEN: 'glpat-filing-token',
    CHATOPS_GITLAB_URL: OPS,
    CHATOPS_TOKEN: 'glpat-ops-token',
    CHATOPS_PROJECT: 'chatops/bot',
    CHATOPS_REF: 'main',
    CHATOPS_TRIGGER_TOKEN: 'trigger-secret',
    ONCALL_TIMEOUT_MS: '2000',
    ...extra,
  });

const formField = (body: unknown, name: string) =>
  new RegExp(`name="${name.replace(/[[\]]/g, '\\$&')}"\\r\\n\\r\\n([^\\r]*)\\r\\n`).exec(String(body))?.[1];

/** A loopback HTTP server: its own origin. */
async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

useStrictNock();

describe('ChatOps on a second GitLab host with its own token', () => {
  it('runs the job there with the ChatOps variables, never touching the filing GitLab', async () => {
    let sent: unknown;
    nock(OPS, { reqheaders: { 'private-token': 'glpat-ops-token' } })
      .post(`${PROJECT}/trigger/pipeline`, (b: unknown) => ((sent = b), true))
      .reply(201, { id: 90, source: 'trigger' })
      .get(`${PROJECT}/pipelines/90/jobs`)
      .reply(200, [{ id: 5, name: 'oncall', status: 'success' }])
      .get(`${PROJECT}/jobs/5/trace`)
      .reply(200, LOG, { 'content-type': 'text/plain' });
    const service = createOncall(config(), memoryLogger().logger);
    const result = await service.lookup('manager', { userId: 'U0ASK', channelId: 'C0ASK' });
    expect(result).toMatchObject({
      ok: true,
      answer: { people: [{ name: 'Max Manager', slackUserId: 'U0MAX' }] },
    });
    expect({
      token: formField(sent, 'token'),
      ref: formField(sent, 'ref'),
      input: formField(sent, 'variables[CHAT_INPUT]'),
      channel: formField(sent, 'variables[CHAT_CHANNEL]'),
      user: formField(sent, 'variables[CHAT_USER_ID]'),
    }).toEqual({ token: 'trigger-secret', ref: 'main', input: 'manager', channel: 'C0ASK', user: 'U0ASK' });
  });

  it('defaults to GITLAB_URL and GITLAB_TOKEN when the ChatOps ones are unset', async () => {
    nock('https://gitlab.example.com', { reqheaders: { 'private-token': 'glpat-filing-token' } })
      .post(`${PROJECT}/pipeline`)
      .reply(201, { id: 91 })
      .get(`${PROJECT}/pipelines/91/jobs`)
      .reply(200, [{ id: 6, name: 'oncall', status: 'success' }])
      .get(`${PROJECT}/jobs/6/trace`)
      .reply(200, LOG, { 'content-type': 'text/plain' });
    const defaults = config({ CHATOPS_GITLAB_URL: '', CHATOPS_TOKEN: '', CHATOPS_TRIGGER_TOKEN: '' });
    const result = await createOncall(defaults, memoryLogger().logger).lookup('support');
    expect(result).toMatchObject({ ok: true });
  });

  it('follows no redirect: the ChatOps token never reaches another origin', async () => {
    // Two real servers on two origins (nock's fetch interception does not follow redirects, so it
    // could not tell a following client from one that refuses). 307 keeps the method and body: a
    // client that followed it would resend the token there.
    const reached: string[] = [];
    const elsewhere = await listen((req, res) => {
      reached.push(String(req.headers['private-token'] ?? 'no token'));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}');
    });
    const ops = await listen((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}${PROJECT}/trigger/pipeline` }).end(),
    );
    nock.enableNetConnect('127.0.0.1');
    try {
      // The client the bot builds for ChatOps, pointed at the loopback origin directly.
      const provider = createChatopsProvider({
        gitlab: createGitlabClient({ host: ops.url, token: 'glpat-ops-token', timeoutMs: 2000 }),
        project: 'chatops/bot',
        ref: 'main',
        job: 'oncall',
        triggerToken: 'trigger-secret',
      });
      await expect(provider.lookup('support', new AbortController().signal)).rejects.toThrow();
      expect(reached).toEqual([]); // not one request there, so no token either
    } finally {
      nock.disableNetConnect();
      await Promise.all([ops.close(), elsewhere.close()]);
    }
  });

  it('sends a pipeline POST once: a 502 is not retried (no second pipeline)', async () => {
    let posts = 0;
    nock(OPS)
      .post(`${PROJECT}/trigger/pipeline`)
      .times(3)
      .reply(() => ((posts += 1), [502, 'bad gateway']));
    const result = await createOncall(config(), memoryLogger().logger).lookup('cmoc');
    expect(result).toMatchObject({ ok: false });
    expect(posts).toBe(1);
    nock.cleanAll();
  });
});
