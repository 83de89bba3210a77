// Links the bot posts are the bot's. GitLab's create-issue answer carries `web_url`
// (https://docs.gitlab.com/api/issues/#new-issue); a hostile or compromised host can put Slack
// markup in it. The bot keeps it only when it is on GITLAB_URL's origin, else rebuilds it from the
// project and iid, and every message and App Home escapes what it shows
// (https://docs.slack.dev/messaging/formatting-message-text/#escaping).
import nock from 'nock';
import { GitlabFiler } from '../../src/filing/gitlab';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import type { GitlabIssueRequest } from '../../src/filing/types';
import { buildHome } from '../../src/views/home';
import { failedMessage, filedMessage, starNotice } from '../../src/views/forms/messages';
import { useStrictNock } from '../helpers/strict-nock';
import { submissionRow } from '../helpers/submissions';
import { testRules } from '../helpers/app';

const GL = 'https://gitlab.example.com';
const HOSTILE = 'https://evil.example/x|Your ticket> <!channel>';
const PROJECT = 'grp/proj';

const request: GitlabIssueRequest = {
  target: 'gitlab-issue',
  project: PROJECT,
  title: 't',
  description: 'd',
  labels: [],
  confidential: true,
};

useStrictNock();

/**
 * No live broadcast, and every `<…>` token is one whole link: the URL (up to the first `|`, where
 * Slack ends it) has no space or bracket, and the label shown holds no markup of its own.
 */
const inert = (mrkdwn: string) => {
  expect(mrkdwn).not.toContain('<!channel>');
  for (const [, token] of mrkdwn.matchAll(/<(https?:[^<>]*)>/g))
    expect(token!.split('|')[0]).not.toMatch(/\s/);
  expect(mrkdwn).not.toContain('Your ticket>');
};

describe('a hostile web_url from GitLab', () => {
  const file = async (webUrl: string) => {
    nock(GL)
      .post(`/api/v4/projects/${encodeURIComponent(PROJECT)}/issues`)
      .reply(201, { iid: 12, web_url: webUrl });
    const filer = new GitlabFiler(createGitlabClient({ host: GL, token: 'glpat-x', timeoutMs: 2000 }), {
      baseUrl: GL,
    });
    return filer.file(request, { key: 'T1:V1', mayExist: false });
  };

  it('is replaced by the link the bot builds from GITLAB_URL, project and iid', async () => {
    expect(await file(HOSTILE)).toMatchObject({ url: `${GL}/grp/proj/-/issues/12`, ref: '#12' });
  });

  it('on another scheme or with credentials is replaced too; one on GITLAB_URL is kept', async () => {
    expect((await file('http://gitlab.example.com/grp/proj/-/issues/12')).url).toBe(
      `${GL}/grp/proj/-/issues/12`,
    );
    expect((await file('https://u:p@gitlab.example.com/x')).url).toBe(`${GL}/grp/proj/-/issues/12`);
    expect((await file(`${GL}/grp/proj/-/issues/12`)).url).toBe(`${GL}/grp/proj/-/issues/12`);
  });
});

describe('whatever URL a message shows, it cannot ping or disguise a link', () => {
  const filed = submissionRow({
    status: 'filed',
    result: { target: 'gitlab-issue', url: HOSTILE, ref: 'Your ticket> <!channel>' },
  });

  it('the filed message: fallback text and blocks', () => {
    const m = filedMessage(filed, 'STAR <!here>');
    inert(m.text);
    expect(m.text).not.toContain('<!here>');
    inert(JSON.stringify(m.blocks));
  });

  it('the failed message and the STAR notice', () => {
    inert(failedMessage(submissionRow({ error: '<!channel>' }), 'x').text);
    const n = starNotice({
      requesterId: 'U1',
      ticketUrl: HOSTILE,
      urgency: 'u',
      reason: '<!channel>',
      issueUrl: HOSTILE,
    });
    inert(n.text);
    inert(JSON.stringify(n.blocks));
  });

  it('App Home lists the request with its link escaped', () => {
    const home = buildHome({
      rules: testRules(),
      oncall: { support: undefined, cmoc: undefined, manager: undefined },
      myRequests: [{ title: 'Mine <!channel>', url: HOSTILE, status: 'filed' }],
    });
    inert(JSON.stringify(home.blocks));
  });
});
