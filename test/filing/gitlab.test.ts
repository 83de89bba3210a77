import nock from 'nock';
import { FilingError } from '../../src/filing/errors';
import { GitlabFiler } from '../../src/filing/gitlab';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { issueMarker, markerComment } from '../../src/filing/keys';
import type { GitlabIssueRequest } from '../../src/filing/types';
import { useStrictNock } from '../helpers/strict-nock';

const HOST = 'https://gitlab.example.com';
const PROJECT = encodeURIComponent('gitlab-com/support/internal-requests');
const KEY = 'T1:V100';

const request = (overrides: Partial<GitlabIssueRequest> = {}): GitlabIssueRequest => ({
  target: 'gitlab-issue',
  project: 'gitlab-com/support/internal-requests',
  title: 'Contact request: jdoe',
  description: '**Why:** blocked',
  template: 'Contact Request',
  fallbackTemplate: '## Built-in body',
  labels: ['Admin Escalation'],
  confidential: true,
  ...overrides,
});

const filer = (timeoutMs = 2000) =>
  new GitlabFiler(createGitlabClient({ host: HOST, token: 'glpat-secret', timeoutMs }));
const gitlab = () => nock(HOST, { reqheaders: { 'private-token': 'glpat-secret' } });

useStrictNock();

describe('GitlabFiler', () => {
  it('creates the issue from the fetched template, with labels, confidentiality and the marker', async () => {
    gitlab()
      .get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`)
      .reply(200, { name: 'Contact Request', content: '## From the project\n/label ~"Admin Escalation"' });
    gitlab()
      .post(`/api/v4/projects/${PROJECT}/issues`, {
        description: `**Why:** blocked\n\n## From the project\n/label ~"Admin Escalation"\n\n${markerComment(KEY)}`,
        labels: 'Admin Escalation',
        confidential: true,
        title: 'Contact request: jdoe',
      })
      .reply(201, { iid: 42, web_url: `${HOST}/gitlab-com/support/internal-requests/-/issues/42` });
    await expect(filer().file(request(), { key: KEY, mayExist: false })).resolves.toEqual({
      target: 'gitlab-issue',
      url: `${HOST}/gitlab-com/support/internal-requests/-/issues/42`,
      ref: '#42',
    });
  });

  it('uses the built-in body when the template cannot be fetched, and assigns the on-call user', async () => {
    gitlab()
      .get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`)
      .reply(404, { message: '404 Not found' });
    gitlab()
      .get('/api/v4/users')
      .query({ username: 'cmoc-person', per_page: 1 })
      .reply(200, [{ id: 7 }]);
    gitlab()
      .post(`/api/v4/projects/${PROJECT}/issues`, (body) => {
        expect(body.description).toBe(`**Why:** blocked\n\n## Built-in body\n\n${markerComment(KEY)}`);
        expect(body.assignee_ids).toEqual([7]);
        return true;
      })
      .reply(201, { iid: 43, web_url: `${HOST}/x/-/issues/43` });
    await expect(
      filer().file(request({ assigneeUsername: 'cmoc-person' }), { key: KEY, mayExist: false }),
    ).resolves.toMatchObject({ ref: '#43' });
  });

  it('makes exactly one POST on a 502 (gitbeaker’s own retries are off) and reports it retryable', async () => {
    gitlab().get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`).reply(404);
    gitlab().post(`/api/v4/projects/${PROJECT}/issues`).once().reply(502, 'Bad gateway');
    const err = await filer()
      .file(request(), { key: KEY, mayExist: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FilingError);
    expect(err).toMatchObject({ kind: 'retryable', details: { status: 502 } });
  });

  it('reads Retry-After on 429', async () => {
    gitlab().get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`).reply(404);
    gitlab().post(`/api/v4/projects/${PROJECT}/issues`).reply(429, 'Retry later', { 'Retry-After': '30' });
    await expect(filer().file(request(), { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      details: { status: 429, retryAfterMs: 30_000 },
    });
  });

  it('does not retry a 422 and says so in plain words', async () => {
    gitlab().get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`).reply(404);
    gitlab()
      .post(`/api/v4/projects/${PROJECT}/issues`)
      .reply(422, { message: { title: ['is too long'] } });
    await expect(filer().file(request(), { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'permanent',
      userMessage: 'GitLab refused some of the fields (HTTP 422).',
    });
  });

  it('times out a hanging call', async () => {
    gitlab().get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`).reply(404);
    gitlab().post(`/api/v4/projects/${PROJECT}/issues`).delay(500).reply(201, { iid: 1, web_url: 'x' });
    await expect(filer(100).file(request(), { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      userMessage: 'GitLab did not answer in time.',
    });
  });

  it('finds the issue an earlier attempt created instead of creating a second one', async () => {
    gitlab()
      .get(`/api/v4/projects/${PROJECT}/issues`)
      .query({ search: issueMarker(KEY), in: 'description', per_page: 5 })
      .reply(200, [{ iid: 42, web_url: `${HOST}/i/42`, description: `text\n\n${markerComment(KEY)}` }]);
    await expect(filer().file(request(), { key: KEY, mayExist: true })).resolves.toEqual({
      target: 'gitlab-issue',
      url: `${HOST}/i/42`,
      ref: '#42',
    });
  });

  it('creates the issue when the lookup finds nothing', async () => {
    gitlab().get(`/api/v4/projects/${PROJECT}/issues`).query(true).reply(200, []);
    gitlab().get(`/api/v4/projects/${PROJECT}/templates/issues/Contact%20Request`).reply(404);
    gitlab()
      .post(`/api/v4/projects/${PROJECT}/issues`)
      .reply(201, { iid: 44, web_url: `${HOST}/i/44` });
    await expect(filer().file(request(), { key: KEY, mayExist: true })).resolves.toMatchObject({
      ref: '#44',
    });
  });
});
