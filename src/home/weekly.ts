// The weekly summary's figures for App Home, read from the analytics store at most once every five
// minutes per replica: admins opening the tab repeatedly never turn into repeated aggregate queries.
import type { AnalyticsStore, PeriodFigures } from '../analytics/types';
import type { AppDeps } from '../deps';

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
export const SUMMARY_TTL_MS = 5 * 60 * 1000;

const cache = new WeakMap<AnalyticsStore, { at: number; figures: Promise<PeriodFigures> }>();

/** The last 7 days for an admin; undefined for anyone else, or while no store is open. */
export async function weeklyFigures(
  deps: Pick<AppDeps, 'config' | 'filing' | 'logger'>,
  userId: string,
  now = Date.now(),
): Promise<PeriodFigures | undefined> {
  const store = deps.filing.store.analytics;
  if (!store || !deps.config.ADMIN_USER_IDS.includes(userId)) return undefined;
  let entry = cache.get(store);
  if (!entry || now - entry.at > SUMMARY_TTL_MS) {
    entry = { at: now, figures: store.figures(now - WEEK_MS, now) };
    cache.set(store, entry);
  }
  try {
    return await entry.figures;
  } catch (err) {
    cache.delete(store);
    deps.logger.warn({ err }, 'weekly summary figures failed');
    return undefined;
  }
}
