// What main starts for operators once the store is open: the metrics server on METRICS_PORT with the
// outbox gauges read from the store, analytics written to it, and the purge of expired kept texts.
import { parseConfig } from '../src/config';
import { insightsFor } from '../src/build-deps';
import { createLogger } from '../src/logger';
import { startOperating } from '../src/operating';
import { request, testRules } from './helpers/app';
import { freshSqlite } from './helpers/stores';
import { seedWeek } from './analytics/seed';

describe('startOperating', () => {
  it('serves /metrics on METRICS_PORT with the outbox read from the store, and purges expired texts at start', async () => {
    const store = await freshSqlite();
    // Texts kept a day, seeded on 2026-11-20: by the time this runs every one of them is past its time.
    await seedWeek(store, 1);
    expect(Date.now()).toBeGreaterThan(Date.parse('2026-11-22T00:00:00Z'));
    await store.enqueue(
      { id: 'T:1', teamId: 'T', userId: 'U', routeId: 'star', payload: {} },
      Date.now() - 60_000,
    );
    const config = parseConfig({ METRICS_PORT: '0', ANALYTICS_KEEP_TEXT_DAYS: '30' });
    const logger = createLogger('silent');
    const insights = insightsFor(config, logger, testRules());
    const operating = await startOperating(config, { insights }, store, logger);
    try {
      expect(operating.metricsPort).toBeGreaterThan(0);
      const res = await request(operating.metricsPort!, 'GET', '/metrics');
      expect(res.body).toContain('support_router_outbox_pending 1');
      expect(
        Number(/^support_router_outbox_oldest_seconds (\S+)$/m.exec(res.body)?.[1]),
      ).toBeGreaterThanOrEqual(60);
      await insights.flush();
      expect(await store.analytics.purgeTexts(Date.now())).toBe(0); // already done at start
      expect(await store.analytics.correctedTexts(0, 0)).toEqual([]); // no text left, whatever the clock
    } finally {
      await operating.stop();
      await store.close();
    }
  });

  it('fails with the setting named when METRICS_PORT cannot be bound', async () => {
    const store = await freshSqlite();
    const logger = createLogger('silent');
    const first = await startOperating(
      parseConfig({ METRICS_PORT: '0' }),
      { insights: insightsFor(parseConfig({}), logger, testRules()) },
      store,
      logger,
    );
    const taken = String(first.metricsPort);
    await expect(
      startOperating(
        parseConfig({ METRICS_PORT: taken }),
        { insights: insightsFor(parseConfig({}), logger, testRules()) },
        store,
        logger,
      ),
    ).rejects.toThrow(`METRICS_PORT: cannot listen on ${taken}`);
    await first.stop();
    await store.close();
  });
});
