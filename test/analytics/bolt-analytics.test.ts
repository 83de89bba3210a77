// Routing analytics rows from real requests through the Bolt app: one triage row per surface, a
// correction tied to its answer, and the answer's form opened and then filed (dry run here).
import nock from 'nock';
import { parseConfig } from '../../src/config';
import { buildFiling } from '../../src/compose-filing';
import { ACTION_ASK_TEXT, ACTION_OPEN_FORM, ACTION_PICK_ROUTE, BLOCK_ASK_TEXT } from '../../src/ids';
import { loadRules } from '../../src/routing/load';
import {
  classifyBy,
  eventually,
  formFields,
  startTestApp,
  testWebClient,
  type TestApp,
} from '../helpers/app';
import {
  blockActionBody,
  pickRouteBody,
  commandBody,
  eventBody,
  mentionEvent,
  messageShortcutBody,
  viewSubmissionBody,
} from '../helpers/payloads';
import { requesterKnown } from '../helpers/slack-standin';
import { freshSqlite } from '../helpers/stores';
import { submitForm } from '../helpers/filing-app';

type Block = { type: string; block_id?: string; elements?: Array<{ action_id?: string; value?: string }> };

const rules = loadRules();
let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({
    rules,
    classify: classifyBy([
      [/idea/i, 'support-meta', ['support-feedback']],
      [/escalate/i, 'star'],
    ]),
    filing: async (base) =>
      buildFiling({
        config: parseConfig({ FILING_MODE: 'dry-run' }),
        logger: base.logger,
        rules,
        slack: testWebClient(base.logger),
        store: await freshSqlite(),
        onOutcome: (outcome) => base.insights.filingFinished(outcome),
      }),
  });
  t.deps.insights.useStore(t.deps.filing.store.analytics);
});
afterEach(async () => {
  await t.deps.insights.flush();
  await t.stop();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const figures = async () => {
  await t.deps.insights.flush();
  return t.deps.filing.store.analytics.figures(0, Date.now() + 1000);
};

describe('routing analytics from the Slack app', () => {
  it('records a triage for each surface, with its route, band and no text by default', async () => {
    await t.send(commandBody('please escalate this'));
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.1' });
    await t.send(eventBody(mentionEvent('an idea for the team')));
    nock('https://slack.com')
      .post('/api/chat.getPermalink')
      .reply(200, { ok: true, permalink: 'https://x.slack.com/archives/C1/p1' });
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(200, 'ok');
    await t.send(messageShortcutBody('nothing anyone can route'));
    await t.send(
      viewSubmissionBody({
        [BLOCK_ASK_TEXT]: { [ACTION_ASK_TEXT]: { type: 'plain_text_input', value: 'an idea' } },
      }),
    );
    await eventually(() => nock.isDone());
    const f = await figures();
    expect(f.total).toBe(4);
    expect(f.abstained).toBe(1);
    expect(f.surfaces).toEqual([
      { surface: 'command', count: 1 },
      { surface: 'global_shortcut', count: 1 },
      { surface: 'mention', count: 1 },
      { surface: 'message_shortcut', count: 1 },
    ]);
    expect(f.routes).toEqual([
      { route: 'support-meta', count: 2 },
      { route: 'star', count: 1 },
      { route: 'unknown', count: 1 },
    ]);
    expect(await t.deps.filing.store.analytics.correctedTexts(0, Date.now())).toEqual([]);
  });

  it('ties a correction to its answer, and the form opened from the answer to its filing', async () => {
    const ack = (await t.send(commandBody('an idea for Support'))).json() as { blocks: Block[] };
    const formBlock = ack.blocks.find((b) => b.elements?.some((e) => e.action_id === ACTION_OPEN_FORM));
    const menuBlock = ack.blocks.find((b) => b.elements?.some((e) => e.action_id === ACTION_PICK_ROUTE));
    expect(formBlock?.block_id).toMatch(/^tr1\|form\|[\w-]+\|support-meta$/);

    // "Not what I meant" -> support-feedback: a correction of this answer.
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(200, 'ok');
    await t.send(pickRouteBody('support-feedback', menuBlock?.block_id));
    await eventually(() => nock.isDone());

    let metadata = '';
    nock('https://slack.com')
      .post('/api/views.open', (b) => {
        metadata = (JSON.parse(formFields(b).view ?? '{}') as { private_metadata: string }).private_metadata;
        return true;
      })
      .reply(200, { ok: true });
    await t.send(
      blockActionBody({
        type: 'button',
        action_id: ACTION_OPEN_FORM,
        block_id: formBlock?.block_id,
        value: 'support-meta',
      }),
    );
    await eventually(() => nock.isDone());
    const triageId = formBlock?.block_id?.split('|')[2];
    expect(JSON.parse(metadata)).toMatchObject({ r: 'support-meta', g: triageId });

    await submitForm(t, 'support-meta', { metadata });
    requesterKnown();
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.2' });
    await t.deps.filing.worker.drain();
    const f = await figures();
    expect(f.corrections).toEqual([{ from: 'support-meta', to: 'support-feedback', count: 1 }]);
    expect(f.forms).toEqual([{ route: 'support-meta', opened: 1, filed: 1 }]);
    expect(f.filings).toEqual([{ route: 'support-meta', filed: 0, failed: 0, dryRun: 1 }]);
    const metrics = await t.deps.insights.metrics.registry.metrics();
    expect(metrics).toContain('support_router_filings_total{route="support-meta",outcome="dry_run"} 1');
  });
});
