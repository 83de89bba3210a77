import nock from 'nock';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { chatReplySection, parseChatReply } from '../../src/oncall/chat-reply';
import { createChatopsProvider } from '../../src/oncall/gitlab-chatops';

const signal = new AbortController().signal;
const LOG =
  'Running with gitlab-runner\n' +
  'section_start:1700000000:chat_reply\r\u001b[0K' +
  'Oncall for Customer Support\n' +
  '\u001b[32mAlice Example - Primary Oncall\u001b[0m <@U0ALICE> until 2026-11-30T00:00:00Z\n' +
  'Mo Manager - Escalation Manager\n' +
  'section_end:1700000001:chat_reply\r\u001b[0K\nJob succeeded\n';

describe('GitLab ChatOps on-call provider', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const gitlab = createGitlabClient({
    host: 'https://ops.example.com',
    token: 'glpat-test',
    timeoutMs: 2000,
  });

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
