// auth.test outcomes told apart: a token Slack rejects, and a Slack that cannot be reached.
// Errors as documented for auth.test: https://docs.slack.dev/reference/methods/auth.test
import { webApi } from '@slack/bolt';
import nock from 'nock';
import { checkSlackOnline, slackAuthProblem } from '../../src/checks/slack';
import { webClientOptions } from '../../src/slack/client-options';

const client = () =>
  new webApi.WebClient('xoxb-test', {
    ...webClientOptions({ retries: 0, timeoutMs: 2000 }),
    logLevel: webApi.LogLevel.ERROR,
  });

describe('Slack token check', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('says the token was rejected for invalid_auth, with where to get a new one', async () => {
    nock('https://slack.com').post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const { problems } = await checkSlackOnline(client());
    expect(problems).toEqual([
      expect.objectContaining({
        source: 'slack',
        subject: 'SLACK_BOT_TOKEN',
        message: expect.stringMatching(
          /^Slack rejected the token \(invalid_auth\): copy the Bot User OAuth Token/,
        ),
      }),
    ]);
  });

  it('says Slack could not be reached, not that the token was rejected', async () => {
    nock('https://slack.com')
      .post('/api/auth.test')
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const { problems } = await checkSlackOnline(client());
    expect(problems[0]?.message).toMatch(
      /^Slack could not be reached at https:\/\/slack\.com\/api\/ .*the token was not checked/,
    );
    expect(problems[0]?.message).not.toContain('rejected');
  });

  it('reports an HTTP error status against the API URL', async () => {
    nock('https://slack.com').post('/api/auth.test').reply(503, 'unavailable');
    const { problems } = await checkSlackOnline(client());
    expect(problems[0]).toMatchObject({
      subject: 'SLACK_API_URL',
      message: expect.stringContaining('HTTP 503'),
    });
  });

  it('names the bot and workspace when the token is good', async () => {
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user: 'support-router', team: 'Acme' });
    expect(await checkSlackOnline(client())).toEqual({ problems: [], identity: 'support-router in Acme' });
  });

  it('treats an unknown error shape as unreachable', () => {
    expect(slackAuthProblem(new Error('boom')).message).toContain('could not be reached');
  });
});
