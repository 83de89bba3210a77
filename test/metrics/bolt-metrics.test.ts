// Metrics after real requests through the Bolt app over signed HTTP: counters by surface, triage by
// route and band, corrections from -> to, ack timing; and no user text or user id in any label.
import nock from 'nock';
import { commandBody, eventBody, mentionEvent, pickRouteBody, USER } from '../helpers/payloads';
import { eventually, request, useTestApp, type TestApp } from '../helpers/app';

type Ack = { blocks: Array<{ type: string; block_id?: string }> };

const SECRET_WORDS = 'zebra-quokka-7731';

/** A series' value; a histogram's `_count` series is read from the histogram. */
async function value(t: TestApp, name: string, labels: Record<string, string>): Promise<number> {
  const base = name.replace(/_count$/, '');
  const metric = t.deps.insights.metrics.registry.getSingleMetric(base);
  if (!metric) throw new Error(`no metric ${base}`);
  // A histogram's values carry the series name (_bucket, _sum, _count); a counter's do not.
  const values = (await metric.get()).values as Array<{
    value: number;
    labels: Record<string, string | number | undefined>;
    metricName?: string;
  }>;
  const hit = values.find(
    (v) => (v.metricName ?? base) === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return hit?.value ?? 0;
}

describe('metrics from real requests', () => {
  const app = useTestApp({}, { fresh: true });

  it('counts /support by surface and the triage answer by route and band, and times the ack', async () => {
    const res = await app().send(commandBody(`can gitlab do this ${SECRET_WORDS}?`));
    expect(res.status).toBe(200);
    expect(await value(app(), 'support_router_requests_total', { surface: 'command' })).toBe(1);
    // The test classifier answers general-question at 0.9: the high band.
    expect(
      await value(app(), 'support_router_triage_total', { route: 'general-question', band: 'high' }),
    ).toBe(1);
    expect(await value(app(), 'support_router_ack_seconds_count', { surface: 'command' })).toBe(1);
    await app().send(commandBody('something nobody can route'));
    expect(await value(app(), 'support_router_triage_total', { route: 'unknown', band: 'unknown' })).toBe(1);
    expect(await value(app(), 'support_router_requests_total', { surface: 'command' })).toBe(2);
  });

  it('counts a mention, and a "Not what I meant" pick as a correction from the answered route', async () => {
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.2' });
    await app().send(eventBody(mentionEvent('who is the cmoc')));
    await eventually(() => nock.isDone());
    expect(await value(app(), 'support_router_requests_total', { surface: 'mention' })).toBe(1);
    expect(await value(app(), 'support_router_triage_total', { route: 'oncall/cmoc', band: 'high' })).toBe(1);

    const ack = (await app().send(commandBody('how do i use the api'))).json() as Ack;
    const menu = ack.blocks.find((b) => b.block_id?.includes('|menu|'));
    expect(menu).toBeDefined();
    const picked = nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(200, 'ok');
    await app().send(pickRouteBody('support-feedback', menu?.block_id));
    await eventually(() => picked.isDone());
    expect(await value(app(), 'support_router_requests_total', { surface: 'action' })).toBe(1);
    expect(
      await value(app(), 'support_router_corrections_total', {
        from: 'general-question',
        to: 'support-feedback',
      }),
    ).toBe(1);
  });

  it('ignores a forged block_id: the from route must be one the rules have', async () => {
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(200, 'ok');
    await app().send(pickRouteBody('star', `tr1|menu|AAAAAAAAAAAA|${SECRET_WORDS}`));
    await eventually(() => nock.isDone());
    expect(await value(app(), 'support_router_corrections_total', { from: 'unknown', to: 'star' })).toBe(1);
    const all = await app().deps.insights.metrics.registry.metrics();
    expect(all).not.toContain(SECRET_WORDS);
  });

  it('puts no user text and no user id in any label', async () => {
    await app().send(commandBody(`${SECRET_WORDS} customer escalate <b>now</b>`));
    const all = await app().deps.insights.metrics.registry.metrics();
    expect(all).toContain('support_router_requests_total{surface="command"} 1');
    expect(all).not.toContain(SECRET_WORDS);
    expect(all).not.toContain(USER);
    // Default process metrics are there too.
    expect(all).toContain('process_resident_memory_bytes');
    expect(all).toContain('nodejs_eventloop_lag_seconds');
  });

  it('serves no metrics on the Slack port, which is public', async () => {
    expect((await request(app().port, 'GET', '/metrics')).status).toBe(404);
  });
});
