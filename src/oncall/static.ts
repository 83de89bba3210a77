// The `static` provider: a YAML file of who is on call, with optional ISO 8601 windows.
// The file is read and validated once at boot (a bad file stops the app with a clear message);
// windows are evaluated at each lookup.
import fs from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import type { OncallProvider, Rotation } from './types';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_EXAMPLE = 'use ISO 8601, e.g. 2026-12-07T08:00:00Z, or 2026-12-07 for midnight UTC';

/** A window's start or end: YAML's own timestamps, or an ISO 8601 string, with an example when wrong. */
const when = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const text = String(value);
  const date = value instanceof Date ? value : ISO_8601.test(text) ? new Date(text) : undefined;
  if (date && !Number.isNaN(date.getTime())) return date;
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: `"${text.slice(0, 60)}" is not a date: ${DATE_EXAMPLE}`,
  });
  return z.NEVER;
});

const entrySchema = z
  .object({
    name: z.string().min(1),
    slack_user_id: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U0123ABC')
      .optional(),
    start: when.optional(),
    end: when.optional(),
  })
  .strict();

export const staticFileSchema = z
  .object({
    schedules: z
      .object({
        support: z.array(entrySchema).default([]),
        cmoc: z.array(entrySchema).default([]),
        /** The Support Manager on call (STAR notices and support-manager assignments). */
        manager: z.array(entrySchema).default([]),
      })
      .strict(),
  })
  .strict();

export type StaticSchedules = z.infer<typeof staticFileSchema>;

export class OncallFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid on-call file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OncallFileError';
  }
}

export function parseStaticFile(text: string, file = 'on-call file'): StaticSchedules {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new OncallFileError(file, [err instanceof Error ? err.message : String(err)]);
  }
  const result = staticFileSchema.safeParse(raw);
  if (!result.success)
    throw new OncallFileError(
      file,
      result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  return result.data;
}

export function createStaticProvider(
  schedules: StaticSchedules,
  now: () => Date = () => new Date(),
): OncallProvider {
  return {
    name: 'static file',
    async lookup(rotation: Rotation) {
      const t = now();
      const people = schedules.schedules[rotation]
        .filter((e) => (!e.start || e.start <= t) && (!e.end || t < e.end))
        .map((e) => ({
          name: e.name,
          ...(e.slack_user_id ? { slackUserId: e.slack_user_id } : {}),
          ...(e.end ? { until: e.end } : {}),
        }));
      return { rotation, people, source: 'static file', fetchedAt: t };
    },
  };
}

/** Reads and validates the file named by ONCALL_STATIC_FILE; a missing file says which setting named it. */
export function readStaticFile(file: string): StaticSchedules {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new OncallFileError(file, [
      `ONCALL_STATIC_FILE: cannot read the file (${why ?? String(err)}): check the path, or unset ONCALL_STATIC_FILE to answer on-call questions with the manual ChatOps way`,
    ]);
  }
  return parseStaticFile(text, file);
}

export function loadStaticProvider(file: string): OncallProvider {
  return createStaticProvider(readStaticFile(file));
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Rotations whose windows leave nobody on call now, or during the coming week: a file that was
 * never updated answers "nobody listed" (and then the manual way) until someone notices.
 */
export function coverageWarnings(schedules: StaticSchedules, now: Date = new Date()): string[] {
  const warnings: string[] = [];
  const until = new Date(now.getTime() + WEEK_MS);
  for (const [rotation, entries] of Object.entries(schedules.schedules)) {
    // The manager rotation is optional (STAR notices then name no manager); the others are not.
    if (rotation === 'manager' && entries.length === 0) continue;
    const covers = (e: (typeof entries)[number], t: Date) =>
      (!e.start || e.start <= t) && (!e.end || t < e.end);
    const overlapsWeek = (e: (typeof entries)[number]) =>
      (!e.start || e.start < until) && (!e.end || now < e.end);
    if (!entries.some(overlapsWeek))
      warnings.push(
        `schedules.${rotation}: nobody is listed from now to ${until.toISOString().slice(0, 10)}: on-call questions get the manual ChatOps way until the file is updated`,
      );
    else if (!entries.some((e) => covers(e, now)))
      warnings.push(`schedules.${rotation}: nobody is listed right now (a window starts within 7 days)`);
  }
  return warnings;
}
