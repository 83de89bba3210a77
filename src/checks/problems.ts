// What the start-up and `config check` report: problems grouped by where they are (settings, the
// rules file, the on-call file, the filing settings file, the store, Slack), each naming the setting
// or file and what to do. An operator fixes the whole list in one pass.
import { closest, distance } from 'fastest-levenshtein';

export const SOURCES = [
  'settings',
  'rules file',
  'on-call file',
  'filing settings file',
  'store',
  'slack',
] as const;
export type ProblemSource = (typeof SOURCES)[number];

export interface Problem {
  source: ProblemSource;
  /** The setting (`PORT`), or the place in a file (`rule star: signals[0]`). */
  subject: string;
  /** What is wrong and what to do. */
  message: string;
  /** Warnings are reported but do not stop the bot. */
  severity: 'error' | 'warning';
}

export const problem = (
  source: ProblemSource,
  subject: string,
  message: string,
  severity: Problem['severity'] = 'error',
): Problem => ({ source, subject, message, severity });

/** "NAME: what is wrong" strings (the older shape some checks return) as problems. */
export function fromLines(
  source: ProblemSource,
  lines: string[],
  severity: Problem['severity'] = 'error',
): Problem[] {
  return lines.map((line) => {
    const at = line.indexOf(': ');
    return at > 0
      ? problem(source, line.slice(0, at), line.slice(at + 2), severity)
      : problem(source, '', line, severity);
  });
}

export const errorsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
export const warningsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'warning');

/**
 * The closest of `candidates` to `name`, when it is close enough to be a typo (at most a third of
 * the letters differ, and never more than 3), for "did you mean ...?".
 */
export function nearMiss(name: string, candidates: readonly string[]): string | undefined {
  if (!name || candidates.length === 0 || name.length > 100) return undefined;
  // "dry" for "dry-run": the start of a longer name is as good a hint as a typo.
  const lower = name.toLowerCase();
  const longer =
    name.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(lower) && c !== name) : undefined;
  if (longer) return longer;
  const best = closest(name, candidates as string[]);
  const d = distance(name.toLowerCase(), best.toLowerCase());
  return d > 0 && d <= Math.min(3, Math.ceil(name.length / 3)) ? best : undefined;
}

export const didYouMean = (name: string, candidates: readonly string[]): string => {
  const guess = nearMiss(name, candidates);
  return guess ? ` Did you mean ${guess}?` : '';
};

const HEADINGS: Record<ProblemSource, string> = {
  settings: 'Settings (environment variables or .env)',
  'rules file': 'Rules file',
  'on-call file': 'On-call file',
  'filing settings file': 'Filing settings file',
  store: 'Request store',
  slack: 'Slack',
};

/** One block per source, in a fixed order; `where` names the file for the file sources. */
export function formatProblems(
  problems: Problem[],
  where: Partial<Record<ProblemSource, string>> = {},
): string {
  const blocks: string[] = [];
  for (const source of SOURCES) {
    const mine = problems.filter((p) => p.source === source);
    if (!mine.length) continue;
    const heading = where[source] ? `${HEADINGS[source]} ${where[source]}` : HEADINGS[source];
    blocks.push(
      [
        `${heading}:`,
        ...mine.map(
          (p) =>
            `  - ${p.severity === 'warning' ? 'warning: ' : ''}${p.subject ? `${p.subject}: ` : ''}${p.message}`,
        ),
      ].join('\n'),
    );
  }
  return blocks.join('\n\n');
}
