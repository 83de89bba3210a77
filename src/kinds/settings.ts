// Where things are filed: projects, the STAR channel, Zendesk ticket form and custom field ids,
// Global Support Hours. The handbook's values are the defaults; FILING_CONFIG_FILE (YAML) overrides
// any of them. Ids the handbook does not publish (custom fields) are unset until configured, and
// the values then travel as tags and in the ticket body instead.
import fs from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import { customFieldProblems, customFieldSchema } from './custom-fields';

const day = z.number().int().min(0).max(6);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');
// Each section's defaults are written once, on its fields: prefault({}) parses an absent section as {}.

export const settingsSchema = z
  .object({
    /** Hosts accepted in ticket links (besides ZENDESK_URL's own host). */
    zendeskHosts: z.array(z.string()).default([]),
    /** Issues in this project count as internal requests (a STAR may point at one). */
    internalRequestsProject: z.string().default('gitlab-com/support/internal-requests'),
    supportHours: z
      .object({
        timezone: z.string().default('America/Los_Angeles'),
        /** 0 = Sunday. Default: Sunday 15:00 to Friday 17:00 US Pacific (Global Support Hours). */
        start: z.object({ day, time }).default({ day: 0, time: '15:00' }),
        end: z.object({ day, time }).default({ day: 5, time: '17:00' }),
      })
      .strict()
      .prefault({}),
    star: z
      .object({
        project: z.string().default('gitlab-com/support/ticket-attention-requests'),
        labels: z.array(z.string()).default([]),
        /** #support_ticket-attention-requests */
        channel: z.string().default('CBVAE1L48'),
        emergencyUrl: z
          .string()
          .default('https://about.gitlab.com/support/#how-to-trigger-emergency-support'),
      })
      .strict()
      .prefault({}),
    internalRequest: z
      .object({
        ticketFormId: z.number().int().positive().optional(),
        tags: z.array(z.string()).default(['internal_request', 'support_router']),
        /**
         * Custom fields by form field name (option, contact_email, namespace, plan, ...): an id, or
         * for a drop-down `{ id, tags: { label: tag } }` covering every label the form offers.
         */
        customFields: z
          .record(z.string(), customFieldSchema)
          .default({})
          .superRefine((fields, ctx) => {
            for (const message of customFieldProblems(fields)) ctx.addIssue({ code: 'custom', message });
          }),
      })
      .strict()
      .prefault({}),
    ticketOnBehalf: z
      .object({
        ticketFormId: z.number().int().positive().optional(),
        tags: z.array(z.string()).default(['opened_by_team_member', 'support_router']),
      })
      .strict()
      .prefault({}),
    /** Slack user id (or on-call display name) to GitLab username, for assigning CMOC and manager issues. */
    gitlabUsers: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type FilingSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: FilingSettings = settingsSchema.parse({});

/** A filing settings file that cannot be used; `problems` name the key and what is wrong. */
export class SettingsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid filing settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsFileError';
  }
}

export function parseSettings(data: unknown): FilingSettings {
  const result = settingsSchema.safeParse(data ?? {});
  if (!result.success)
    throw new SettingsFileError(
      result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  return result.data;
}

export function loadSettings(file?: string): FilingSettings {
  if (!file) return DEFAULT_SETTINGS;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SettingsFileError([
      `FILING_CONFIG_FILE: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}): fix the path, or unset it to use the handbook's defaults`,
    ]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new SettingsFileError([`YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  return parseSettings(data);
}
