// Text that reaches GitLab is inert. GitLab finds a user mention wherever no word character stands
// before the `@` (User.reference_pattern in gitlabhq/gitlabhq app/models/user.rb: `(?<!\w)@` then
// the namespace path), so GITLAB_MENTION below is that rule; markdown links and images follow
// CommonMark (https://docs.gitlab.com/user/markdown/#links, #images). One end-to-end case goes through
// the real Bolt app: a signed view_submission, the worker, and the POST /issues GitLab receives.
import nock from 'nock';
import { markerComment } from '../../src/filing/keys';
import { formDefinition } from '../../src/kinds';
import { encodeMetadata } from '../../src/forms/metadata';
import { inertMarkdown, JOINER, neutraliseMentions } from '../../src/kinds/gitlab-text';
import { VIEW_FILE_FORM } from '../../src/ids';
import { loadRules } from '../../src/routing/load';
import { startTestApp, testFiling, type TestApp } from '../helpers/app';
import { stopFilingApp } from '../helpers/filing-app';
import { filledValues, stateFor } from '../helpers/forms';
import { interactive, TEAM, USER } from '../helpers/payloads';

const GITLAB_MENTION = /(?<!\w)@[a-zA-Z0-9_.][a-zA-Z0-9_.\-/]*/g;
/** A markdown link or image, inline or by reference, and raw HTML or an autolink in angle brackets. */
const LIVE_MARKUP = /(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\s*[([]|<[a-z/!]/i;

describe('mentions by GitLab rule', () => {
  const typed = ['@all', '.@all', '-@all', '+@gitlab-org/support', '(@jdoe)', '"@x"', 'é@all', 'x\n@all'];
  it.each(typed)('%j mentions nobody, in titles and descriptions', (text) => {
    expect(neutraliseMentions(text)).not.toMatch(GITLAB_MENTION);
    expect(inertMarkdown(text)).not.toMatch(GITLAB_MENTION);
    expect(inertMarkdown(text).replaceAll(JOINER, '').replace(/\\(.)/g, '$1')).toBe(text);
  });

  it('leaves email addresses and references inside words alone, breaks #, ! and & references', () => {
    expect(inertMarkdown('a.b@gitlab.example')).toBe('a.b@gitlab.example');
    expect(neutraliseMentions('see #12, !3 and &4')).toBe(`see #${JOINER}12, !${JOINER}3 and &${JOINER}4`);
  });

  it('ends a link at <, > and ", so a mention after it is still broken', () => {
    for (const text of ['https://x.example/a"@all', 'https://x.example/a<@all>', 'https://x.example/>.@all'])
      expect(inertMarkdown(text)).not.toMatch(GITLAB_MENTION);
  });

  it('keeps a bare link a link, with a mention-shaped @ or brackets inside it encoded', () => {
    expect(inertMarkdown('see https://gitlab.com/g/p/-/issues/9#note_1 now')).toBe(
      'see https://gitlab.com/g/p/-/issues/9#note_1 now',
    );
    expect(inertMarkdown('https://x.example/.@all/![i](j)')).toBe('https://x.example/.%40all/!%5Bi%5D(j)');
  });
});

describe('markdown from typed text does not render', () => {
  const hostile = [
    '![tracker](https://evil.example/pixel.png)',
    '[Your ticket](https://evil.example/login)',
    '[click][1]\n\n[1]: https://evil.example',
    '<img src="https://evil.example/p.png">',
    '<a href="https://evil.example">ok</a>',
    '<https://evil.example>',
    '&#64;all and &#x40;all',
  ];
  it.each(hostile)('%j shows as typed and links or embeds nothing', (text) => {
    const out = inertMarkdown(text);
    expect(out).not.toMatch(LIVE_MARKUP);
    expect(out).not.toMatch(/&#x?\d+;/);
  });

  it('keeps a backslash the person typed (escaped first)', () => {
    expect(inertMarkdown('a \\[b]')).toBe('a \\\\\\[b\\]');
  });
});

describe('through the real app: what GitLab receives', () => {
  const GL = 'https://gitlab.example.com';
  const rules = loadRules();
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({
      rules,
      filing: (base) =>
        testFiling(base, { GITLAB_URL: GL, GITLAB_TOKEN: 'glpat-inert-secret', FILING_TIMEOUT_MS: '1000' }),
    });
  });
  afterEach(() => stopFilingApp(t));

  it('a hostile Support Team Meta issue: no mention, no image, a footer without @, the marker intact', async () => {
    const def = formDefinition(rules.byId.get('support-meta')!, rules.byId)!;
    const values = filledValues(def, {
      title: 'Urgent .@all -@all +@gitlab-org/support',
      description:
        'cc .@all\n![x](https://evil.example/p.png) [login](https://evil.example)\n' +
        '<img src=x> \u202eevil\u200b text https://gitlab.example.com/a"@all',
    });
    const submitted = await t.send(
      interactive({
        type: 'view_submission',
        team: { id: TEAM },
        user: { id: USER, team_id: TEAM },
        api_app_id: 'A0APP',
        view: {
          id: 'V0INERT',
          team_id: TEAM,
          type: 'modal',
          callback_id: VIEW_FILE_FORM,
          private_metadata: encodeMetadata({ routeId: 'support-meta' }),
          hash: 'h',
          state: { values: stateFor(def, values) },
        },
      }),
    );
    expect(submitted.json()).toMatchObject({ response_action: 'update' });
    // The display name is typed by its owner too.
    nock('https://slack.com')
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: USER, profile: { real_name: '@all Sam' } } });
    let issue: { title: string; description: string } = { title: '', description: '' };
    const project = encodeURIComponent('gitlab-com/support/support-team-meta');
    nock(GL)
      .post(`/api/v4/projects/${project}/issues`, (b: typeof issue) => Boolean((issue = b)))
      .reply(201, { iid: 5, web_url: `${GL}/gitlab-com/support/support-team-meta/-/issues/5` });
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.1' });
    await t.deps.filing.worker.drain();

    expect(issue.title).not.toMatch(GITLAB_MENTION);
    const body = issue.description;
    const marker = markerComment(`${TEAM}:V0INERT`);
    expect(body.endsWith(marker)).toBe(true);
    const typedPart = body.slice(0, -marker.length);
    expect(typedPart).not.toMatch(GITLAB_MENTION);
    expect(typedPart).not.toMatch(LIVE_MARKUP);
    expect(typedPart).not.toMatch(/[\u202e\u200b]/);
    expect(typedPart).toContain(
      `Submitted from Slack by @${JOINER}all Sam (Slack user ${USER}) via support-router.`,
    );
  });
});
