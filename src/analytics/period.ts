// Report periods: `--since 7d`, `30d`, `12h` or an ISO date/time; and the percentiles the report and
// App Home show (nearest rank, on sorted values).

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000 };

/** The start of the period in ms, or undefined when `since` is neither "<n>d", "<n>h" nor an ISO date. */
export function parseSince(since: string, now: number): number | undefined {
  const relative = /^(\d{1,5})([dh])$/.exec(since.trim());
  if (relative) return now - Number(relative[1]) * (UNIT_MS[relative[2] as string] as number);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(since.trim())) return undefined;
  const at = Date.parse(since.trim());
  return Number.isFinite(at) && at <= now ? at : undefined;
}

/** Nearest-rank percentile of ascending values; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const share = (part: number, total: number): string =>
  total ? `${((part / total) * 100).toFixed(1)}%` : '-';
