// The `static` provider: a YAML file of who is on call, with optional ISO 8601 windows.
// The file is read and validated once at boot (a bad file stops the app with a clear message);
// windows are evaluated at each lookup.
import fs from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import type { OncallProvider, Rotation } from './types';

const entrySchema = z
  .object({
    name: z.string().min(1),
    slack_user_id: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U0123ABC')
      .optional(),
    start: z.coerce.date().optional(),
    end: z.coerce.date().optional(),
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
  constructor(file: string, problems: string[]) {
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

export function loadStaticProvider(file: string): OncallProvider {
  return createStaticProvider(parseStaticFile(fs.readFileSync(file, 'utf8'), file));
}
