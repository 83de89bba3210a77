// The Prometheus metrics. Their names and labels are a contract for dashboards and alerts (see the
// README, "Operating"). Every label value comes from a fixed set or from the rules' route ids, never
// from user text, user ids or other free-form values, so the series count stays bounded.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const SURFACES = [
  'command',
  'mention',
  'message_shortcut',
  'global_shortcut',
  'home',
  'action',
  'view_submission',
] as const;
export type Surface = (typeof SURFACES)[number];

export const REMOTE_SERVICES = ['slack', 'gitlab', 'zendesk', 'pagerduty', 'chatops'] as const;
export type RemoteService = (typeof REMOTE_SERVICES)[number];

export type FilingOutcomeLabel = 'filed' | 'failed' | 'dry_run';

/** What the outbox gauges read when scraped (the store answers; nothing is cached). */
export interface OutboxStats {
  pending: number;
  /** Milliseconds since the epoch of the oldest pending row, when there is one. */
  oldestPendingAt?: number;
}

export interface Metrics {
  registry: Registry;
  requests: Counter<'surface'>;
  triage: Counter<'route' | 'band'>;
  corrections: Counter<'from' | 'to'>;
  filings: Counter<'route' | 'outcome'>;
  filingSeconds: Histogram;
  remoteSeconds: Histogram<'service' | 'status'>;
  ackSeconds: Histogram<'surface'>;
  /** The outbox gauges read from here at each scrape; main sets it once the store is open. */
  outbox(source: () => Promise<OutboxStats>): void;
}

/** One registry per app (tests build several in one process); default process metrics included. */
export function createMetrics(now: () => number = Date.now): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let source: (() => Promise<OutboxStats>) | undefined;
  // One read serves both gauges within a scrape.
  let pendingRead: Promise<OutboxStats | undefined> | undefined;
  const read = () => {
    pendingRead ??= (source ? source() : Promise.resolve(undefined))
      .catch(() => undefined)
      .finally(() => setImmediate(() => (pendingRead = undefined)));
    return pendingRead;
  };
  new Gauge({
    name: 'support_router_outbox_pending',
    help: 'Submitted forms not yet filed (pending rows in the outbox).',
    registers,
    async collect() {
      const stats = await read();
      this.set(stats?.pending ?? 0);
    },
  });
  new Gauge({
    name: 'support_router_outbox_oldest_seconds',
    help: 'Age of the oldest pending submission in seconds (0 when none is pending).',
    registers,
    async collect() {
      const stats = await read();
      const oldest = stats?.oldestPendingAt;
      this.set(oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000));
    },
  });
  return {
    registry,
    requests: new Counter({
      name: 'support_router_requests_total',
      help: 'Requests from Slack by surface.',
      labelNames: ['surface'],
      registers,
    }),
    triage: new Counter({
      name: 'support_router_triage_total',
      help: 'Triage answers by route and the confidence band they were given in.',
      labelNames: ['route', 'band'],
      registers,
    }),
    corrections: new Counter({
      name: 'support_router_corrections_total',
      help: 'Answers corrected with "Not what I meant" or the route menu, from the answered route to the picked one.',
      labelNames: ['from', 'to'],
      registers,
    }),
    filings: new Counter({
      name: 'support_router_filings_total',
      help: 'Finished filings by route and outcome (filed, failed, dry_run).',
      labelNames: ['route', 'outcome'],
      registers,
    }),
    filingSeconds: new Histogram({
      name: 'support_router_filing_seconds',
      help: 'Time from a form submission to its issue or ticket being filed.',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14_400],
      registers,
    }),
    remoteSeconds: new Histogram({
      name: 'support_router_remote_request_seconds',
      help: 'HTTP calls to Slack, GitLab, Zendesk, PagerDuty and ChatOps, by service and status (HTTP code or "error").',
      labelNames: ['service', 'status'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'support_router_ack_seconds',
      help: 'Time from a verified Slack request reaching the app to its acknowledgement.',
      labelNames: ['surface'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    }),
    outbox(next) {
      source = next;
    },
  };
}
