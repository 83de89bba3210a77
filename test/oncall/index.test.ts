import nock from 'nock';
import { parseConfig } from '../../src/config';
import { createOncall, oncallProblems, unconfiguredProvider, createOncallProvider } from '../../src/oncall';
import { memoryLogger } from '../helpers/logger';

describe('on-call without a schedule', () => {
  it('is not a start-up problem', () => {
    expect(oncallProblems(parseConfig({}))).toEqual([]);
  });

  it('answers every lookup with the fallback (the manual way), and says so at boot', async () => {
    const config = parseConfig({});
    expect(createOncallProvider(config)).toBe(unconfiguredProvider);
    const { logger, lines } = memoryLogger();
    const service = createOncall(config, logger);
    expect(lines().join('\n')).toContain('no on-call schedule configured');
    const result = await service.lookup('cmoc');
    expect(result).toMatchObject({ ok: false });
  });

  it('still requires the settings of a chosen provider', () => {
    expect(oncallProblems(parseConfig({ ONCALL_PROVIDER: 'gitlab-chatops' }))).toEqual([
      expect.stringMatching(/^CHATOPS_PROJECT/),
      expect.stringMatching(/^CHATOPS_TOKEN \(or GITLAB_TOKEN\)/),
    ]);
  });
});

describe('on-call through GitLab ChatOps', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const LOG =
    'section_start:1700000000:chat_reply\r\u001b[0KAlice Example - Primary Oncall\nsection_end:1700000001:chat_reply\r\u001b[0K\n';

  it("runs one pipeline past the caller's wait, caches its answer and starts no second one meanwhile", async () => {
    // Exactly one pipeline: a second POST would find no interceptor and fail the lookup.
    const api = nock('https://ops.example.com/api/v4/projects/chatops%2Fbot')
      .post('/pipeline')
      .reply(201, { id: 80 })
      .get('/pipelines/80/jobs')
      .reply(200, [{ id: 12, name: 'oncall', status: 'running' }])
      .get('/pipelines/80/jobs')
      .reply(200, [{ id: 12, name: 'oncall', status: 'success' }])
      .get('/jobs/12/trace')
      .reply(200, LOG, { 'content-type': 'text/plain; charset=utf-8' });
    const config = parseConfig({
      ONCALL_PROVIDER: 'gitlab-chatops',
      GITLAB_URL: 'https://ops.example.com',
      GITLAB_TOKEN: 'glpat-test',
      CHATOPS_PROJECT: 'chatops/bot',
      ONCALL_TIMEOUT_MS: '100',
    });
    expect(config.CHATOPS_TIMEOUT_MS).toBe(120_000);
    const service = createOncall(config, memoryLogger().logger);
    expect(await service.lookup('support')).toEqual({ ok: false, reason: 'timed out after 100 ms' });
    expect(await service.lookup('support')).toEqual({ ok: false, reason: 'timed out after 100 ms' });
    for (let i = 0; i < 50 && !service.peek('support'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(service.peek('support')?.people).toEqual([{ name: 'Alice Example', role: 'Primary Oncall' }]);
    expect(await service.lookup('support')).toMatchObject({ ok: true, cached: true });
    expect(api.isDone()).toBe(true);
  });
});
