// The weekly routing summary in App Home: shown to ADMIN_USER_IDS only, from the analytics store.
import nock from 'nock';
import { buildWeeklySummary } from '../../src/views/weekly-summary';
import { eventually, formFields, startTestApp, type TestApp } from '../helpers/app';
import { commandBody, eventBody, homeOpenedEvent, USER } from '../helpers/payloads';

async function start(admins: string): Promise<TestApp> {
  const t = await startTestApp({ config: { ADMIN_USER_IDS: admins } });
  t.deps.insights.useStore(t.deps.filing.store.analytics);
  await t.send(commandBody('how do i reset my password'));
  await t.send(commandBody('something nobody can route'));
  await t.deps.insights.flush();
  return t;
}

/** Opens App Home and returns every view published for it. */
async function openHome(t: TestApp): Promise<string[]> {
  const views: string[] = [];
  nock('https://slack.com')
    .post('/api/views.publish', (b) => {
      views.push(formFields(b).view ?? '');
      return formFields(b).user_id === USER;
    })
    .times(2)
    .reply(200, { ok: true });
  await t.send(eventBody(homeOpenedEvent()));
  await eventually(() => nock.isDone());
  return views;
}

describe('weekly summary in App Home', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    nock.cleanAll();
  });

  it('shows an admin the last 7 days: totals, abstain rate and top routes', async () => {
    t = await start(`U0OTHER, ${USER}`);
    const views = await openHome(t);
    const last = views.at(-1) ?? '';
    expect(last).toContain('Routing this week');
    expect(last).toContain('*2* requests answered');
    expect(last).toContain('abstained 50.0%');
    expect(last).toContain('`general-question` 1');
  });

  it('shows nothing of it to anyone else', async () => {
    t = await start('U0OTHER');
    const views = await openHome(t);
    expect(views.join('')).not.toContain('Routing this week');
  });
});

describe('buildWeeklySummary', () => {
  it('lists the misroutes and filing with time to filed', () => {
    const blocks = buildWeeklySummary({
      total: 10,
      abstained: 1,
      medium: 2,
      routes: [{ route: 'star', count: 6 }],
      surfaces: [],
      corrections: [{ from: 'star', to: 'general-question', count: 3 }],
      forms: [],
      filings: [{ route: 'star', filed: 4, failed: 1, dryRun: 0 }],
      filedSeconds: [2, 4, 8, 60],
      failuresByService: [],
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain('medium band 20.0%');
    expect(text).toContain('3 × `star` → `general-question`');
    expect(text).toContain('4 filed · 1 failed · time to filed p50 4.0 s, p95 60.0 s');
  });
});
