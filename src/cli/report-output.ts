// `support-router report` output: the period's figures as text for a person, or as one JSON object
// whose keys are a contract for scripts (see the README, "Operating").
import { percentile, share } from '../analytics/period';
import type { PeriodFigures } from '../analytics/types';

export interface ReportJson {
  since: string;
  until: string;
  total: number;
  abstained: number;
  routes: Array<{ route: string; count: number }>;
  surfaces: Array<{ surface: string; count: number }>;
  corrections: Array<{ from: string; to: string; count: number }>;
  filings: Array<{ route: string; filed: number; failed: number }>;
}

export function reportJson(f: PeriodFigures, since: number, until: number): ReportJson {
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    total: f.total,
    abstained: f.abstained,
    routes: f.routes.map(({ route, count }) => ({ route, count })),
    surfaces: f.surfaces.map(({ surface, count }) => ({ surface, count })),
    corrections: f.corrections.map(({ from, to, count }) => ({ from, to, count })),
    filings: f.filings.map(({ route, filed, failed }) => ({ route, filed, failed })),
  };
}

const seconds = (s: number | undefined) =>
  s === undefined ? '-' : s < 60 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`;

function table(title: string, rows: string[][], empty = 'none'): string[] {
  if (rows.length === 0) return [title, `  ${empty}`];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return [title, ...rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd())];
}

export function reportText(f: PeriodFigures, since: number, until: number): string {
  const filed = f.filedSeconds;
  return [
    `support-router report, ${new Date(since).toISOString()} to ${new Date(until).toISOString()}`,
    '',
    `requests answered      ${f.total}`,
    `abstained (unknown)    ${f.abstained} (${share(f.abstained, f.total)})`,
    `medium-band answers    ${f.medium} (${share(f.medium, f.total)})`,
    '',
    ...table(
      'requests per route',
      f.routes.map((r) => [r.route, String(r.count)]),
    ),
    ...table(
      'requests per surface',
      f.surfaces.map((r) => [r.surface, String(r.count)]),
    ),
    ...table(
      'corrections, answered -> picked (the misroutes)',
      f.corrections.map((c) => [`${c.count} x`, `${c.from} -> ${c.to}`]),
    ),
    ...table(
      'forms opened from an answer -> filed',
      f.forms.map((r) => [r.route, `${r.opened} opened`, `${r.filed} filed`, share(r.filed, r.opened)]),
    ),
    ...table(
      'filing outcomes',
      f.filings.map((r) => [r.route, `${r.filed} filed`, `${r.failed} failed`, `${r.dryRun} dry run`]),
    ),
    `time to filed          p50 ${seconds(percentile(filed, 50))}, p95 ${seconds(percentile(filed, 95))} (${filed.length} filed)`,
    ...table(
      'filing failures by service',
      f.failuresByService.map((r) => [r.service, String(r.count)]),
    ),
  ].join('\n');
}
