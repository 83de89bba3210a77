// When the API does not answer as documented: a 429 waits for its Retry-After, a 5xx is tried again
// later, a deleted ticket ends the watch, and an answer of the wrong shape is refused by zod (logged,
// nothing told). Through the bot's own clients, with the network cut; every stub must be used.
import nock from 'nock';
import { realTiming } from '../../src/filing/timing';
import { startStatusApp, type StatusApp } from './harness';
import { fileStarRequest, fileTicketRequest, GITLAB_URL, STAR_PROJECT, ZENDESK_URL } from './standins';

const clock = { now: Date.now() };
const timing = { now: () => clock.now, random: () => 0.5, sleep: realTiming.sleep };
let app: StatusApp;

beforeEach(async () => {
  clock.now = Date.now();
  app = await startStatusApp({ timing });
  await fileTicketRequest(app.store);
  await app.status.worker.adopt();
});
afterEach(async () => {
  await app.stop();
  const pending = nock.pendingMocks().filter((m) => !m.includes('slack.com'));
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const watch = async () => (await app.store.status.get('T1:V1'))!;
const ticketPath = '/api/v2/tickets/412233.json';

it('waits for Retry-After after a 429 and then reads the ticket', async () => {
  // https://developer.zendesk.com/api-reference/introduction/rate-limits/ (429 with Retry-After, seconds)
  nock(ZENDESK_URL).get(ticketPath).reply(429, { error: 'APIRateLimitExceeded' }, { 'retry-after': '93' });
  await app.status.worker.drain();
  expect((await watch()).dueAt).toBe(clock.now + 93_000);
  expect((await watch()).snapshot).toBeUndefined();
  clock.now += 93_000;
  nock(ZENDESK_URL)
    .get(ticketPath)
    .reply(200, {
      ticket: { id: 412233, status: 'open', updated_at: '2026-12-01T10:00:00Z', requester_id: 900 },
    });
  nock(ZENDESK_URL).get('/api/v2/tickets/412233/comments.json').reply(200, { comments: [], next_page: null });
  await app.status.worker.drain();
  expect((await watch()).snapshot).toMatchObject({ status: 'open' });
  expect(app.posts).toEqual([]);
});

it('tries again later after a server error', async () => {
  nock(ZENDESK_URL).get(ticketPath).reply(503);
  await app.status.worker.drain();
  const w = await watch();
  expect(w.dueAt).toBeGreaterThanOrEqual(clock.now + 20_000);
  expect(w.active).toBe(true);
});

it('refuses an answer of the wrong shape and tells nobody', async () => {
  nock(ZENDESK_URL)
    .get(ticketPath)
    .reply(200, { ticket: { id: 412233, status: 'escalated!' } });
  await app.status.worker.drain();
  expect((await watch()).snapshot).toBeUndefined();
  expect((await watch()).dueAt).toBeGreaterThan(clock.now);
  expect(app.posts).toEqual([]);
});

it('stops watching a ticket that was deleted', async () => {
  nock(ZENDESK_URL).get(ticketPath).reply(404, { error: 'RecordNotFound' });
  await app.status.worker.drain();
  expect((await watch()).active).toBe(false);
});

it('tries a GitLab issue again after a 502', async () => {
  await fileStarRequest(app.store);
  await app.status.worker.adopt();
  nock(ZENDESK_URL).get(ticketPath).reply(503);
  nock(GITLAB_URL)
    .get(`/api/v4/projects/${encodeURIComponent(STAR_PROJECT)}/issues/77`)
    .reply(502);
  await app.status.worker.drain();
  const issue = (await app.store.status.get('T1:V2'))!;
  expect(issue.dueAt).toBeGreaterThan(clock.now);
  expect(issue.snapshot).toBeUndefined();
});
