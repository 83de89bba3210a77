// App Home for the operators named in ADMIN_USER_IDS: the last 7 days of routing at a glance (the
// same figures as `support-router report`). Pure: figures in, blocks out.
import { percentile, share } from '../analytics/period';
import type { PeriodFigures } from '../analytics/types';
import { escapeMrkdwn } from '../slack/escape';
import { clip, LIMITS } from '../slack/limits';
import { context, mrkdwnSection, type Block } from './blocks';

const TOP = 5;

const lines = (rows: string[]) => (rows.length ? rows.join('\n') : '_none_');

export function buildWeeklySummary(f: PeriodFigures): Block[] {
  const filed = f.filings.reduce((n, r) => n + r.filed, 0);
  const failed = f.filings.reduce((n, r) => n + r.failed, 0);
  const dryRun = f.filings.reduce((n, r) => n + r.dryRun, 0);
  const p50 = percentile(f.filedSeconds, 50);
  const p95 = percentile(f.filedSeconds, 95);
  const time =
    p50 === undefined ? '' : ` · time to filed p50 ${p50.toFixed(1)} s, p95 ${(p95 ?? p50).toFixed(1)} s`;
  const text = [
    `*${f.total}* requests answered · abstained ${share(f.abstained, f.total)} · medium band ${share(f.medium, f.total)}`,
    `*Top routes*\n${lines(f.routes.slice(0, TOP).map((r) => `• \`${escapeMrkdwn(r.route)}\` ${r.count}`))}`,
    `*Corrected (answered → picked)*\n${lines(
      f.corrections
        .slice(0, TOP)
        .map((c) => `• ${c.count} × \`${escapeMrkdwn(c.from)}\` → \`${escapeMrkdwn(c.to)}\``),
    )}`,
    `*Filing* ${filed} filed · ${failed} failed${dryRun ? ` · ${dryRun} dry run` : ''}${time}`,
  ].join('\n\n');
  return [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Routing this week' } },
    mrkdwnSection(clip(text, LIMITS.sectionText)),
    context(
      'Shown to ADMIN_USER_IDS. More: `support-router report --since 7d`; misroutes to examples: `report --corrections --jsonl`.',
    ),
  ];
}
