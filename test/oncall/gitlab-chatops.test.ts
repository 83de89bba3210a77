import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { chatReplySection, MAX_LOG_CHARS, parseChatReply } from '../../src/oncall/chat-reply';
import { createChatopsProvider, readJobLog } from '../../src/oncall/gitlab-chatops';

const signal = new AbortController().signal;
const MB = 1024 * 1024;
const LOG =
  'Running with gitlab-runner\n' +
  'section_start:1700000000:chat_reply\r\u001b[0K' +
  'Oncall for Customer Support\n' +
  '\u001b[32mAlice Example - Primary Oncall\u001b[0m <@U0ALICE> until 2026-11-30T00:00:00Z\n' +
  'Mo Manager - Escalation Manager\n' +
  'section_end:1700000001:chat_reply\r\u001b[0K\nJob succeeded\n';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const gitlab = createGitlabClient({
  host: 'https://ops.example.com',
  token: 'glpat-test',
  timeoutMs: 2000,
});

describe('GitLab ChatOps on-call provider', () => {
  it('triggers the job with CHAT_INPUT, waits for it and reads the chat_reply section', async () => {
    // The trigger API takes token, ref and variables[KEY] as request parameters; sent in the form
    // body, the token stays out of URLs and access logs (no .query(): a query string would not match).
    // https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
    const field = (name: string, value: string) =>
      new RegExp(`name="${name.replace(/[[\]]/g, '\\$&')}"\r\n\r\n${value}\r\n`);
    const api = nock('https://ops.example.com/api/v4/projects/chatops%2Fbot')
      .post('/trigger/pipeline', (b: unknown) =>
        [field('token', 'trig'), field('ref', 'main'), field('variables[CHAT_INPUT]', 'support')].every(
          (re) => re.test(String(b)),
        ),
      )
      .reply(201, { id: 77 })
      .get('/pipelines/77/jobs')
      .reply(200, [{ id: 9, name: 'oncall', status: 'running' }])
      .get('/pipelines/77/jobs')
      .reply(200, [{ id: 9, name: 'oncall', status: 'success' }])
      .get('/jobs/9/trace')
      .reply(200, LOG, { 'content-type': 'text/plain; charset=utf-8' });
    const provider = createChatopsProvider({
      gitlab,
      project: 'chatops/bot',
      ref: 'main',
      job: 'oncall',
      triggerToken: 'trig',
      pollMs: 5,
    });
    const answer = await provider.lookup('support', signal);
    expect(answer.people).toEqual([
      {
        name: 'Alice Example',
        role: 'Primary Oncall',
        slackUserId: 'U0ALICE',
        until: new Date('2026-11-30T00:00:00Z'),
      },
      { name: 'Mo Manager', role: 'Escalation Manager' },
    ]);
    expect(answer.source).toBe('GitLab ChatOps');
    expect(api.isDone()).toBe(true);
  });

  it('creates the pipeline with the personal token when there is no trigger token, and fails on a failed job', async () => {
    nock('https://ops.example.com/api/v4/projects/chatops%2Fbot')
      .post(
        '/pipeline',
        (b: { ref: string; variables: unknown }) =>
          b.ref === 'main' && JSON.stringify(b.variables).includes('cmoc'),
      )
      .reply(201, { id: 78 })
      .get('/pipelines/78/jobs')
      .reply(200, [{ id: 10, name: 'oncall', status: 'failed' }]);
    const provider = createChatopsProvider({
      gitlab,
      project: 'chatops/bot',
      ref: 'main',
      job: 'oncall',
      pollMs: 5,
    });
    await expect(provider.lookup('cmoc', signal)).rejects.toThrow('ended failed');
  });

  it('stops polling when aborted', async () => {
    nock('https://ops.example.com/api/v4/projects/chatops%2Fbot')
      .post('/pipeline')
      .reply(201, { id: 79 })
      .get('/pipelines/79/jobs')
      .reply(200, [{ id: 11, name: 'oncall', status: 'pending' }]);
    const controller = new AbortController();
    const provider = createChatopsProvider({
      gitlab,
      project: 'chatops/bot',
      ref: 'main',
      job: 'oncall',
      pollMs: 10_000,
    });
    const pending = provider.lookup('support', controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow('aborted');
  });
});

describe('GitLab ChatOps lookups on a long-lived signal', () => {
  const provider = createChatopsProvider({
    gitlab,
    project: 'chatops/bot',
    ref: 'main',
    job: 'oncall',
    pollMs: 1,
  });

  it('adds one abort listener per lookup, whatever the number of polls, and removes it when done', async () => {
    const api = nock('https://ops.example.com/api/v4/projects/chatops%2Fbot')
      .post('/pipeline')
      .reply(201, { id: 80 })
      .get('/pipelines/80/jobs')
      .times(15)
      .reply(200, [{ id: 12, name: 'oncall', status: 'running' }])
      .get('/pipelines/80/jobs')
      .reply(200, [{ id: 12, name: 'oncall', status: 'success' }])
      .get('/jobs/12/trace')
      .reply(200, LOG, { 'content-type': 'text/plain' });
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => void warnings.push(w);
    process.on('warning', onWarning);
    const answer = await provider.lookup('support', controller.signal);
    process.off('warning', onWarning);
    expect(answer.people).toHaveLength(2);
    expect(api.isDone()).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('stops reading a job log once the chat_reply section has ended', async () => {
    // A runaway job: the answer, then 50 MB more of output, written only as fast as it is read.
    let written = 0;
    const server = http.createServer((req, res) => {
      if (!req.url?.endsWith('/jobs/13/trace')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(LOG);
      const more = () => {
        while (written < 50 * MB && !res.destroyed) {
          written += 64 * 1024;
          if (!res.write('x'.repeat(64 * 1024))) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    nock.enableNetConnect('127.0.0.1');
    nock(host, { allowUnmocked: true })
      .post('/api/v4/projects/chatops%2Fbot/pipeline')
      .reply(201, { id: 81 })
      .get('/api/v4/projects/chatops%2Fbot/pipelines/81/jobs')
      .reply(200, [{ id: 13, name: 'oncall', status: 'success' }]);
    const local = createChatopsProvider({
      gitlab: createGitlabClient({ host, token: 'glpat-test', timeoutMs: 2000 }),
      project: 'chatops/bot',
      ref: 'main',
      job: 'oncall',
    });
    try {
      const answer = await local.lookup('support', new AbortController().signal);
      expect(answer.people.map((p) => p.name)).toEqual(['Alice Example', 'Mo Manager']);
      await new Promise((r) => setTimeout(r, 200));
      expect(written).toBeLessThan(10 * MB); // what the sockets buffered at most, not the 50 MB
    } finally {
      nock.disableNetConnect();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reads at most MAX_LOG_CHARS of a log without a chat_reply section', async () => {
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024))),
    });
    const text = await readJobLog(endless);
    expect(text).toHaveLength(MAX_LOG_CHARS);
  });
});

describe('chat_reply parsing', () => {
  it('returns undefined when the log has no chat_reply section', () => {
    expect(chatReplySection('just a log')).toBeUndefined();
  });

  it('skips blank and header lines and keeps unknown dates in the text', () => {
    expect(parseChatReply('\nOn-call for CMOC\nBob - CMOC until someday\n')).toEqual([
      { name: 'Bob', role: 'CMOC until someday' },
    ]);
  });
});
