// One place that records what happens to a request: the Prometheus counters at once, and the routing
// analytics rows in the store. Store writes happen after the current request's work (setImmediate),
// never before an ack, and a failed write is logged, never thrown at a listener.
import crypto from 'node:crypto';
import type { Logger } from '../logger';
import type { FilingOutcomeLabel, Metrics, Surface } from '../metrics/registry';
import { confidenceBand } from '../routing/bands';
import { type Classification, type RuleSet, UNKNOWN_ROUTE } from '../routing/types';
import type { Submission } from '../store/types';
import type { AnalyticsStore } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long the text of an answer nobody corrected may wait for a correction before it is purged. */
export const CORRECTION_WINDOW_MS = DAY_MS;
/** Kept texts are clipped: hostile input (40,000 characters) must not become 40 kB rows. */
export const KEPT_TEXT_MAX = 4000;
/** Writes waiting for the store, at most (a few seconds of a busy workspace). */
export const MAX_QUEUED_WRITES = 5000;

export interface FilingOutcome {
  submission: Submission;
  outcome: FilingOutcomeLabel;
  /** gitlab-issue or zendesk-ticket, once known. */
  target?: string;
  at: number;
}

export interface InsightsOptions {
  metrics: Metrics;
  logger: Logger;
  rules: RuleSet;
  /** ANALYTICS_KEEP_TEXT_DAYS; 0 or unset keeps no text. */
  keepTextDays?: number;
  now?: () => number;
}

export interface Insights {
  readonly metrics: Metrics;
  /** Attached by main once the store is open; until then only the metrics count. */
  useStore(store: AnalyticsStore): void;
  /** A triage answer is being given; returns its id (for the answer's blocks). */
  triaged(input: { surface: Surface; classification: Classification; text?: string }): string;
  corrected(input: { triageId?: string; from: string; to: string }): void;
  formOpened(input: { triageId: string; route: string }): void;
  filingFinished(outcome: FilingOutcome): void;
  /** Drops the kept texts whose time is up. */
  purge(): Promise<number>;
  /** Resolves when the writes started so far are done (tests, shutdown). */
  flush(): Promise<void>;
}

const SERVICE_OF_TARGET: Record<string, string> = { 'gitlab-issue': 'gitlab', 'zendesk-ticket': 'zendesk' };

export function createInsights(o: InsightsOptions): Insights {
  const now = o.now ?? Date.now;
  const keepMs = Math.max(0, o.keepTextDays ?? 0) * DAY_MS;
  // Writes run one after another, in the order they were recorded: a form opened (an UPDATE of the
  // answer's row) never overtakes the answer's INSERT on a pooled PostgreSQL connection. A store
  // that stops answering must not make the queue grow without end: past the cap, rows are dropped.
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  let dropped = 0;
  let store: AnalyticsStore | undefined;
  /** A label is a known route id or "unknown", never a value from a payload. */
  const routeLabel = (route: string) => (o.rules.byId.has(route) ? route : UNKNOWN_ROUTE);
  const write = (what: string, run: (s: AnalyticsStore) => Promise<unknown>) => {
    const target = store;
    if (!target) return;
    if (queued >= MAX_QUEUED_WRITES) {
      if (dropped++ % MAX_QUEUED_WRITES === 0)
        o.logger.warn({ what, dropped }, 'routing analytics writes are backing up; dropping rows');
      return;
    }
    queued += 1;
    queue = queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => run(target))
      .then(
        () => undefined,
        (err: unknown) => o.logger.warn({ err, what }, 'could not record routing analytics'),
      )
      .finally(() => {
        queued -= 1;
      });
  };
  return {
    metrics: o.metrics,
    useStore(next) {
      store = next;
    },
    triaged({ surface, classification, text }) {
      // randomUUID draws from a cached pool (a few µs here, against ~25 µs for a small randomBytes).
      const id = crypto.randomUUID().replace(/-/g, '');
      const route = routeLabel(classification.route);
      const band = confidenceBand({ ...classification, route });
      o.metrics.triage.inc({ route, band });
      const at = now();
      const keep = keepMs > 0 && text ? text.slice(0, KEPT_TEXT_MAX) : undefined;
      // An abstained request is kept for the whole period; an answered one only until it could be corrected.
      const textUntil = at + (route === UNKNOWN_ROUTE ? keepMs : Math.min(keepMs, CORRECTION_WINDOW_MS));
      write('triage', (s) =>
        s.recordTriage({
          id,
          at,
          surface,
          route,
          confidence: classification.confidence,
          band,
          alternatives: classification.alternatives.map((a) => routeLabel(a.route)),
          ...(keep ? { text: keep, textUntil } : {}),
        }),
      );
      return id;
    },
    corrected({ triageId, from, to }) {
      const labels = { from: routeLabel(from), to: routeLabel(to) };
      if (labels.from === labels.to) return;
      o.metrics.corrections.inc(labels);
      const at = now();
      write('correction', (s) =>
        s.recordCorrection({
          ...(triageId ? { triageId } : {}),
          at,
          ...labels,
          ...(keepMs > 0 ? { keepTextUntil: at + keepMs } : {}),
        }),
      );
    },
    formOpened({ triageId, route }) {
      const at = now();
      write('form opened', (s) => s.recordFormOpened(triageId, routeLabel(route), at));
    },
    filingFinished({ submission, outcome, target, at }) {
      const route = routeLabel(submission.routeId);
      const seconds = Math.max(0, (at - submission.createdAt) / 1000);
      o.metrics.filings.inc({ route, outcome });
      if (outcome === 'filed') o.metrics.filingSeconds.observe(seconds);
      const triageId = submission.payload.triageId;
      const service = target ? SERVICE_OF_TARGET[target] : undefined;
      write('filing', (s) =>
        s.recordFiling({
          submissionId: submission.id,
          ...(typeof triageId === 'string' ? { triageId } : {}),
          at,
          route,
          outcome,
          ...(service ? { service } : {}),
          seconds,
        }),
      );
    },
    purge: async () => (store ? store.purgeTexts(now()) : 0),
    async flush() {
      while (queued > 0) await queue;
    },
  };
}
