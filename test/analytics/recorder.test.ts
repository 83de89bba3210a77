// The recorder's writes: in the order recorded (an answer's row before the updates that refer to
// it), never before the current request's work, and capped when the store stops answering.
import { createInsights, MAX_QUEUED_WRITES } from '../../src/analytics/recorder';
import type { AnalyticsStore } from '../../src/analytics/types';
import { createMetrics } from '../../src/metrics/registry';
import { testRules } from '../helpers/app';
import { memoryLogger } from '../helpers/logger';

const answer = { route: 'star', confidence: 0.9, alternatives: [], evidence: [] };

function fakeStore(delayMs: number, log: string[]): AnalyticsStore {
  const slow = (what: string) => () =>
    new Promise<void>((resolve) => setTimeout(() => (log.push(what), resolve()), delayMs));
  return {
    recordTriage: slow('triage'),
    recordCorrection: slow('correction'),
    recordFormOpened: slow('form opened'),
    recordFiling: slow('filing'),
  } as unknown as AnalyticsStore;
}

describe('createInsights writes', () => {
  it('lands them in the order recorded, even when the store is slow', async () => {
    const log: string[] = [];
    const { logger } = memoryLogger();
    const insights = createInsights({ metrics: createMetrics(), logger, rules: testRules() });
    insights.useStore(fakeStore(20, log));
    const id = insights.triaged({ surface: 'command', classification: answer });
    insights.corrected({ triageId: id, from: 'star', to: 'general-question' });
    insights.formOpened({ triageId: id, route: 'general-question' });
    expect(log).toEqual([]); // nothing written inside the request's own work
    await insights.flush();
    expect(log).toEqual(['triage', 'correction', 'form opened']);
  });

  it('drops rows past the cap when the store stops answering, and says so', async () => {
    const { logger, lines } = memoryLogger();
    const insights = createInsights({ metrics: createMetrics(), logger, rules: testRules() });
    insights.useStore({ recordTriage: () => new Promise(() => undefined) } as unknown as AnalyticsStore);
    for (let i = 0; i < MAX_QUEUED_WRITES + 3; i++)
      insights.triaged({ surface: 'command', classification: answer });
    expect(lines().some((l) => l.includes('routing analytics writes are backing up; dropping rows'))).toBe(
      true,
    );
    // The counters still count every answer.
    const { values } = await insights.metrics.triage.get();
    expect(values[0]?.value).toBe(MAX_QUEUED_WRITES + 3);
  });
});
