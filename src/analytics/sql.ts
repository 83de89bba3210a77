// The analytics queries, written once for both backends: each backend supplies a runner that takes
// `?` placeholders (PostgreSQL's runner numbers them). Aggregation happens in the database; only the
// filed durations of the period come back as rows, for the percentiles.
import type { OutboxStats } from '../metrics/registry';
import type { AnalyticsStore, CorrectedText, PeriodFigures } from './types';

export interface SqlRunner {
  all<R>(sql: string, params: unknown[]): Promise<R[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params: unknown[]): Promise<number>;
}

const num = (v: unknown) => Number(v ?? 0);
const counted = <K extends string>(rows: Array<Record<K, string> & { n: unknown }>, key: K) =>
  rows.map((r) => ({ [key]: r[key], count: num(r.n) }) as Record<K, string> & { count: number });

export function analyticsStore(db: SqlRunner): AnalyticsStore {
  return {
    async recordTriage(r) {
      await db.run(
        `INSERT INTO triage_events (id, at, surface, route, confidence, band, alternatives, text, text_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [
          r.id,
          r.at,
          r.surface,
          r.route,
          r.confidence,
          r.band,
          JSON.stringify(r.alternatives),
          r.text ?? null,
          r.text === undefined ? null : (r.textUntil ?? null),
        ],
      );
    },
    async recordCorrection(r) {
      await db.run(
        'INSERT INTO triage_corrections (triage_id, at, from_route, to_route) VALUES (?, ?, ?, ?)',
        [r.triageId ?? null, r.at, r.from, r.to],
      );
      if (!r.triageId) return;
      await db.run('UPDATE triage_events SET corrected_to = ? WHERE id = ?', [r.to, r.triageId]);
      if (r.keepTextUntil !== undefined)
        await db.run('UPDATE triage_events SET text_until = ? WHERE id = ? AND text IS NOT NULL', [
          r.keepTextUntil,
          r.triageId,
        ]);
    },
    async recordFormOpened(triageId, route, at) {
      await db.run(
        'UPDATE triage_events SET form_opened_at = COALESCE(form_opened_at, ?), form_route = ? WHERE id = ?',
        [at, route, triageId],
      );
    },
    async recordFiling(r) {
      await db.run(
        `INSERT INTO filing_outcomes (submission_id, triage_id, at, route, outcome, service, seconds)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (submission_id) DO UPDATE SET at = excluded.at, outcome = excluded.outcome,
           service = excluded.service, seconds = excluded.seconds`,
        [r.submissionId, r.triageId ?? null, r.at, r.route, r.outcome, r.service ?? null, r.seconds],
      );
      if (r.triageId && r.outcome !== 'failed')
        await db.run('UPDATE triage_events SET filed_at = COALESCE(filed_at, ?) WHERE id = ?', [
          r.at,
          r.triageId,
        ]);
    },
    purgeTexts: (now) =>
      db.run(
        'UPDATE triage_events SET text = NULL, text_until = NULL WHERE text_until IS NOT NULL AND text_until <= ?',
        [now],
      ),
    async figures(since, until): Promise<PeriodFigures> {
      const range = [since, until];
      const inRange = 'at >= ? AND at < ?';
      const [totals] = await db.all<{ total: unknown; abstained: unknown; medium: unknown }>(
        `SELECT COUNT(*) AS total, SUM(CASE WHEN route = 'unknown' THEN 1 ELSE 0 END) AS abstained,
           SUM(CASE WHEN band = 'medium' THEN 1 ELSE 0 END) AS medium FROM triage_events WHERE ${inRange}`,
        range,
      );
      const grouped = <K extends 'route' | 'surface'>(column: K) =>
        db.all<Record<K, string> & { n: unknown }>(
          `SELECT ${column}, COUNT(*) AS n FROM triage_events WHERE ${inRange}
           GROUP BY ${column} ORDER BY n DESC, ${column}`,
          range,
        );
      const corrections = await db.all<{ from_route: string; to_route: string; n: unknown }>(
        `SELECT from_route, to_route, COUNT(*) AS n FROM triage_corrections WHERE ${inRange}
         GROUP BY from_route, to_route ORDER BY n DESC, from_route, to_route`,
        range,
      );
      const forms = await db.all<{ form_route: string; opened: unknown; filed: unknown }>(
        `SELECT form_route, COUNT(*) AS opened, COUNT(filed_at) AS filed FROM triage_events
         WHERE ${inRange} AND form_opened_at IS NOT NULL GROUP BY form_route ORDER BY opened DESC, form_route`,
        range,
      );
      const filings = await db.all<{ route: string; filed: unknown; failed: unknown; dry: unknown }>(
        `SELECT route, SUM(CASE WHEN outcome = 'filed' THEN 1 ELSE 0 END) AS filed,
           SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
           SUM(CASE WHEN outcome = 'dry_run' THEN 1 ELSE 0 END) AS dry
         FROM filing_outcomes WHERE ${inRange} GROUP BY route ORDER BY route`,
        range,
      );
      const seconds = await db.all<{ seconds: unknown }>(
        `SELECT seconds FROM filing_outcomes WHERE ${inRange} AND outcome = 'filed' ORDER BY seconds`,
        range,
      );
      const failures = await db.all<{ service: string; n: unknown }>(
        `SELECT COALESCE(service, 'before filing') AS service, COUNT(*) AS n FROM filing_outcomes
         WHERE ${inRange} AND outcome = 'failed' GROUP BY COALESCE(service, 'before filing') ORDER BY n DESC`,
        range,
      );
      return {
        total: num(totals?.total),
        abstained: num(totals?.abstained),
        medium: num(totals?.medium),
        routes: counted(await grouped('route'), 'route'),
        surfaces: counted(await grouped('surface'), 'surface'),
        corrections: corrections.map((r) => ({ from: r.from_route, to: r.to_route, count: num(r.n) })),
        forms: forms.map((r) => ({ route: r.form_route, opened: num(r.opened), filed: num(r.filed) })),
        filings: filings.map((r) => ({
          route: r.route,
          filed: num(r.filed),
          failed: num(r.failed),
          dryRun: num(r.dry),
        })),
        filedSeconds: seconds.map((r) => num(r.seconds)),
        failuresByService: counted(failures, 'service'),
      };
    },
    correctedTexts: (since, now) =>
      db.all<CorrectedText>(
        `SELECT text, corrected_to AS route, route AS "from" FROM triage_events
         WHERE text IS NOT NULL AND corrected_to IS NOT NULL AND corrected_to <> route
           AND text_until > ? AND at >= ? ORDER BY at, id`,
        [now, since],
      ),
    async outboxStats(): Promise<OutboxStats> {
      const [row] = await db.all<{ n: unknown; oldest: unknown }>(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM submissions WHERE status = 'pending'",
        [],
      );
      const oldest = row?.oldest;
      return {
        pending: num(row?.n),
        ...(oldest !== null && oldest !== undefined ? { oldestPendingAt: num(oldest) } : {}),
      };
    },
    async ping() {
      await db.all('SELECT 1 AS ok', []);
    },
  };
}
