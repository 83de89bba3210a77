// A FormsDeps over a real SQLite store, with a worker whose wake-ups are counted.
import { DEFAULT_SETTINGS, type FilingSettings } from '../../src/kinds/settings';
import type { FilingWorker } from '../../src/filing/worker';
import type { FormsDeps } from '../../src/forms/deps';
import type { FilingStore } from '../../src/store/types';
import { EVERYONE_A_MEMBER } from './app';
import { memoryLogger } from './logger';
import { handbookRules } from './rules';
import { freshSqlite } from './stores';

/** Tuesday 2026-11-24 10:00 US Pacific: inside Global Support Hours. */
export const IN_HOURS = new Date('2026-11-24T18:00:00Z');
/** Saturday 2026-11-28 10:00 US Pacific: outside. */
export const OUT_OF_HOURS = new Date('2026-11-28T18:00:00Z');

export async function formsContext(
  overrides: { now?: Date; store?: FilingStore; settings?: FilingSettings; mode?: 'live' | 'dry-run' } = {},
): Promise<FormsDeps & { wakes: () => number; store: FilingStore }> {
  const store = overrides.store ?? (await freshSqlite());
  let wakes = 0;
  const worker = { wake: () => void (wakes += 1) } as unknown as FilingWorker;
  return {
    store,
    wakes: () => wakes,
    config: {
      GITLAB_URL: 'https://gitlab.com',
      ZENDESK_URL: 'https://gitlab.zendesk.com',
    },
    logger: memoryLogger().logger,
    rules: handbookRules(),
    membership: EVERYONE_A_MEMBER,
    now: () => overrides.now ?? IN_HOURS,
    settings: overrides.settings ?? DEFAULT_SETTINGS,
    filing: {
      store,
      mode: overrides.mode ?? 'live',
      worker,
      async submit(input) {
        const r = await store.enqueue(input, Date.now());
        if (r.created) worker.wake();
        return r;
      },
    },
  };
}
