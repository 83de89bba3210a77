// `support-router report`: the routing analytics of a period, read from the store DATABASE_URL (or
// DATA_DIR) names, the same way the bot opens it. Needs no Slack credentials, so it runs on a copy
// of the data (a copied SQLite file, a restored PostgreSQL dump) as well as on the live store.
import type { Config } from '../config';
import { parseSince } from '../analytics/period';
import { openStore, storeLocation } from '../store';
import { reportJson, reportText } from './report-output';

export interface ReportOptions {
  since?: string;
  json?: boolean;
  corrections?: boolean;
  jsonl?: boolean;
}

type Out = (text: string) => void;

export const DEFAULT_SINCE = '7d';

export async function reportCommand(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>,
  opts: ReportOptions,
  out: Out,
  err: Out,
  now = Date.now(),
): Promise<number> {
  const since = parseSince(opts.since ?? DEFAULT_SINCE, now);
  if (since === undefined) {
    err(`--since must be like 7d, 30d, 12h or an ISO date (2026-11-01), not "${opts.since}".`);
    return 2;
  }
  if (opts.corrections && !opts.jsonl) {
    err('--corrections writes JSON lines: add --jsonl (report --corrections --jsonl > corrections.jsonl).');
    return 2;
  }
  const store = await openStore(storeLocation(config));
  try {
    if (opts.corrections) {
      // The labelled-set format: bench:routing -- --set corrections=FILE measures the rules on them.
      for (const row of await store.analytics.correctedTexts(since, now))
        out(JSON.stringify({ text: row.text, route: row.route, from: row.from }));
      return 0;
    }
    const figures = await store.analytics.figures(since, now);
    out(opts.json ? JSON.stringify(reportJson(figures, since, now)) : reportText(figures, since, now));
    return 0;
  } finally {
    await store.close();
  }
}
