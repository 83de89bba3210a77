// End to end through the real Bolt app over signed HTTP: the form button opens the modal, the
// submission is stored and acked, the worker files it with nock'd Zendesk/GitLab, and the
// requester gets a DM (or a Retry button when filing failed).
import nock from 'nock';
import { parseConfig, type Config } from '../../src/config';
import { buildFiling } from '../../src/compose-filing';
import type { FilingService } from '../../src/filing/service';
import { idempotencyKey } from '../../src/filing/keys';
import { DEFAULT_SETTINGS, type FilingSettings } from '../../src/kinds/settings';
import { ACTION_OPEN_FORM, ACTION_RETRY_FILING } from '../../src/ids';
import { formDefinition } from '../../src/kinds';
import { loadRules } from '../../src/routing/load';
import { eventually, formFields, startTestApp, testWebClient, type TestApp } from '../helpers/app';
import { filledValues, stateFor } from '../helpers/forms';
import { blockActionBody, CHANNEL, commandBody, interactive, TEAM, USER } from '../helpers/payloads';
import { manifestWithoutMessagesTab, requesterKnown, slackStandIn, stubDm } from '../helpers/slack-standin';
import { freshSqlite } from '../helpers/stores';

const ZD = 'https://gitlab.zendesk.example';
const GL = 'https://gitlab.example.com';
const rules = loadRules();
let t: TestApp;

async function start() {
  const config = parseConfig({
    GITLAB_URL: GL,
    GITLAB_TOKEN: 'glpat-e2e-secret',
    ZENDESK_URL: ZD,
    ZENDESK_EMAIL: 'bot@gitlab.example',
    ZENDESK_API_TOKEN: 'ztok-e2e',
    FILING_TIMEOUT_MS: '1000',
  });
  await startWithFiling(config, { ...DEFAULT_SETTINGS, zendeskHosts: ['gitlab.zendesk.com'] });
}

/** Starts the app with a filing service on a new SQLite store, composed the way main composes it. */
async function startWithFiling(config: Config, settings?: FilingSettings): Promise<FilingService> {
  t = await startTestApp({
    rules,
    filing: async (base) =>
      buildFiling({
        config,
        logger: base.logger,
        rules,
        slack: testWebClient(base.logger),
        store: await freshSqlite(),
        ...(settings ? { settings } : {}),
      }),
  });
  return t.deps.filing;
}

/** The running app, stopped, and started again with other filing settings. */
async function restartWithFiling(config: Config): Promise<FilingService> {
  await t.stop();
  return startWithFiling(config);
}

/** Clicks the form button and returns the modal Slack was asked to open. */
async function openForm(route: string): Promise<{ callback_id: string; private_metadata: string }> {
  let view = '';
  const opened = nock('https://slack.com')
    .post('/api/views.open', (b) => {
      view = formFields(b).view ?? '';
      return true;
    })
    .reply(200, { ok: true });
  const res = await t.send(blockActionBody({ type: 'button', action_id: ACTION_OPEN_FORM, value: route }));
  expect(res.status).toBe(200);
  await eventually(() => opened.isDone());
  return JSON.parse(view);
}

function submit(route: string, modal: { callback_id: string; private_metadata: string }, viewId = 'V0FORM') {
  const def = formDefinition(rules.byId.get(route)!, rules.byId)!;
  const view = {
    id: viewId,
    team_id: TEAM,
    type: 'modal',
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    hash: 'h',
    state: { values: stateFor(def, filledValues(def)) },
    blocks: [],
  };
  return t.send(
    interactive({
      type: 'view_submission',
      team: { id: TEAM },
      user: { id: USER, team_id: TEAM },
      api_app_id: 'A0APP',
      trigger_id: '1.2.3',
      view,
    }),
  );
}

/** The requester's DM, answered as Slack answers for manifest.yml (refused were its Messages tab off). */
const dm = (match: (text: string, blocks: string) => boolean) =>
  stubDm(USER, (f) => match(f.text ?? '', f.blocks ?? ''));

beforeEach(start);
afterEach(async () => {
  await t.stop();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('filing through the signed Slack app', () => {
  it('an internal request submitted twice is filed once in Zendesk and the requester gets the link', async () => {
    const route = 'internal-request/saas-extend-trial';
    const modal = await openForm(route);
    expect(modal.callback_id).toBe('file_form');
    const first = await submit(route, modal);
    const second = await submit(route, modal);
    expect(first.json()).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Request received' } },
    });
    expect(second.json()).toMatchObject({ response_action: 'update' });
    requesterKnown();
    const ticket = nock(ZD, { reqheaders: { 'idempotency-key': idempotencyKey(`${TEAM}:V0FORM`) } })
      .post(
        '/api/v2/tickets.json',
        (b: { ticket: { requester: { email: string; name?: string }; tags: string[] } }) =>
          b.ticket.requester.email === 'asker@gitlab.example' &&
          b.ticket.requester.name === 'Asker' && // Zendesk needs it for a requester new to it
          b.ticket.tags.includes('ir_saas_extend_trial'),
      )
      .once()
      .reply(201, { ticket: { id: 4242 } }, { 'content-type': 'application/json' });
    const told = dm((text) => text.includes(`${ZD}/agent/tickets/4242`));
    await t.deps.filing.worker.drain();
    expect(ticket.isDone() && told.isDone()).toBe(true);
    expect(await t.deps.filing.store.countByStatus()).toEqual({ pending: 0, filed: 1, failed: 0 });
  });

  it('a 422 is not retried: the requester is told in plain words, and Retry files it', async () => {
    const route = 'support-meta';
    await submit(route, await openForm(route));
    requesterKnown();
    const project = encodeURIComponent('gitlab-com/support/support-team-meta');
    nock(GL).post(`/api/v4/projects/${project}/issues`).once().reply(422, { message: 'secret detail' });
    const told = dm(
      (_t, blocks) =>
        blocks.includes('GitLab refused some of the fields (HTTP 422).') &&
        blocks.includes(ACTION_RETRY_FILING) &&
        !blocks.includes('secret'),
    );
    await t.deps.filing.worker.drain();
    expect(told.isDone()).toBe(true);
    const responded = nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(200, 'ok');
    await t.send(
      blockActionBody({ type: 'button', action_id: ACTION_RETRY_FILING, value: `${TEAM}:V0FORM` }),
    );
    await eventually(() => responded.isDone());
    nock(GL).get(`/api/v4/projects/${project}/issues`).query(true).reply(200, []);
    nock(GL)
      .post(`/api/v4/projects/${project}/issues`)
      .reply(201, { iid: 7, web_url: `${GL}/meta/-/issues/7` });
    const filed = dm((text) => text.includes(`${GL}/meta/-/issues/7`));
    await t.deps.filing.worker.drain();
    expect(filed.isDone()).toBe(true);
  });

  it('/support status lists the request', async () => {
    await submit('support-meta', await openForm('support-meta'));
    const listed = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { blocks: unknown[] }) =>
        JSON.stringify(b.blocks).includes('queued'),
      )
      .reply(200, 'ok');
    const res = await t.send(commandBody('status'));
    expect(res.status).toBe(200);
    await eventually(() => listed.isDone());
  });

  it('in dry-run mode calls neither GitLab nor Zendesk and shows the requester what it would file', async () => {
    const config = parseConfig({ GITLAB_URL: GL, GITLAB_TOKEN: 'glpat-e2e-secret', FILING_MODE: 'dry-run' });
    const filing = await restartWithFiling(config);
    const received = await submit('support-meta', await openForm('support-meta'));
    expect(JSON.stringify(received.json())).toContain('dry-run');
    requesterKnown();
    const shown = dm(
      (text, blocks) =>
        text.startsWith('Dry run') &&
        blocks.includes('gitlab-com/support/support-team-meta') &&
        blocks.includes('Improve the handover'),
    );
    await filing.worker.drain();
    expect(shown.isDone()).toBe(true);
  });

  it('with the Messages tab off, a /support request is answered in the channel it was typed in', async () => {
    // Slack refuses the app's DM with messages_tab_disabled while the tab is off:
    // https://docs.slack.dev/reference/methods/chat.postMessage#errors
    const filing = await restartWithFiling(parseConfig({ FILING_MODE: 'dry-run' }));
    let modal = '';
    const opened = nock('https://slack.com')
      .post('/api/views.open', (b) => ((modal = formFields(b).view ?? ''), true))
      .reply(200, { ok: true });
    await t.send(commandBody('meta'));
    await eventually(() => opened.isDone());
    await submit('support-meta', JSON.parse(modal));
    const slack = slackStandIn(manifestWithoutMessagesTab());
    requesterKnown();
    await filing.worker.drain();
    slack.done();
    expect(slack.posts).toEqual([]);
    expect(slack.ephemerals).toEqual([expect.objectContaining({ channel: CHANNEL, user: USER })]);
    expect(slack.ephemerals[0]!.text).toMatch(/^Dry run/);
  });

  it('rejects a submission with a bad signature and stores nothing', async () => {
    const def = formDefinition(rules.byId.get('support-meta')!, rules.byId)!;
    const payload = interactive({
      type: 'view_submission',
      team: { id: TEAM },
      user: { id: USER },
      view: {
        id: 'VX',
        callback_id: 'file_form',
        private_metadata: '{"r":"support-meta"}',
        state: { values: stateFor(def, filledValues(def)) },
      },
    });
    const res = await t.send(payload, { 'x-slack-signature': 'v0=deadbeef' });
    expect(res.status).toBe(401);
    expect(await t.deps.filing.store.countByStatus()).toEqual({ pending: 0, filed: 0, failed: 0 });
  });
});
