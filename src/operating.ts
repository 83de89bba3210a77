// What an operator sees, started by main once the store is open: the metrics server (METRICS_PORT),
// the outbox gauges, outgoing-call timing, routing analytics written to the store, and the hourly
// purge of kept request texts whose time is up.
import type { Config } from './config';
import type { AppDeps } from './deps';
import type { Logger } from './logger';
import { instrumentRemoteCalls } from './metrics/remote';
import { startMetricsServer, type MetricsServer } from './metrics/server';
import type { FilingStore } from './store/types';

export const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface Operating {
  /** The metrics port actually bound (METRICS_PORT=0 asks the OS for one). */
  metricsPort?: number;
  stop(): Promise<void>;
}

export async function startOperating(
  config: Config,
  deps: Pick<AppDeps, 'insights'>,
  store: FilingStore,
  logger: Logger,
): Promise<Operating> {
  const { insights } = deps;
  const { metrics } = insights;
  insights.useStore(store.analytics);
  metrics.outbox(() => store.analytics.outboxStats());
  const unsubscribe = instrumentRemoteCalls(metrics, config);
  const purge = () =>
    insights.purge().then(
      (n) => n > 0 && logger.info({ purged: n }, 'purged kept request texts whose time was up'),
      (err: unknown) => logger.warn({ err }, 'could not purge kept request texts'),
    );
  void purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  let server: MetricsServer | undefined;
  if (config.METRICS_PORT !== undefined) {
    try {
      server = await startMetricsServer(metrics, config.METRICS_PORT, logger);
    } catch (err) {
      clearInterval(timer);
      unsubscribe();
      throw new Error(`METRICS_PORT: cannot listen on ${config.METRICS_PORT} (${(err as Error).message})`, {
        cause: err,
      });
    }
  }
  return {
    ...(server ? { metricsPort: server.port } : {}),
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await server?.close();
      await insights.flush(); // the last analytics rows land before the store closes
    },
  };
}
