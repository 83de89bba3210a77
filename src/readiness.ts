// Readiness (GET /readyz): the rules are loaded and the store answers within a second. A replica
// whose database is unreachable stays alive (/healthz) but takes no traffic until it answers again.
import type { AppDeps } from './deps';

export const READY_TIMEOUT_MS = 1000;

export async function isReady(deps: Pick<AppDeps, 'rules' | 'filing'>): Promise<boolean> {
  if (deps.rules.rules.length === 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, READY_TIMEOUT_MS, false)));
  const ping = deps.filing.store.analytics.ping().then(
    () => true,
    () => false,
  );
  return Promise.race([ping, late]).finally(() => clearTimeout(timer));
}
