// The app's configuration in the playground: the operator's environment, with Slack pointed at the
// stand-in and the store in a folder of its own. In dry run (the default) nothing leaves the
// machine: the GitLab, Zendesk and on-call credentials are dropped and a sample on-call schedule is
// used unless ONCALL_STATIC_FILE names one; `--live` keeps them, so forms file for real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../config';
import { ONCALL_PEOPLE } from './workspace';

type Env = Record<string, string | undefined>;

export interface PlaygroundSettings {
  apiUrl: string;
  signingSecret: string;
  dataDir: string;
  rulesFile: string;
  live: boolean;
}

/** Settings that reach GitLab, Zendesk, PagerDuty or a shared database: dry run leaves them out. */
const REMOTE = /^(GITLAB_|ZENDESK_|PAGERDUTY_|CHATOPS_|ONCALL_PROVIDER$)/;

/** Who is on call in the playground, in the format of ONCALL_STATIC_FILE. */
export const SAMPLE_ONCALL = `schedules:\n${Object.entries(ONCALL_PEOPLE)
  .map(([rotation, p]) => `  ${rotation}:\n    - name: ${p.name}\n      slack_user_id: ${p.id}\n`)
  .join('')}`;

/** A fresh folder for the playground's store and sample files. */
export const freshDataDir = (): string =>
  fs.mkdtempSync(path.join(os.tmpdir(), 'support-router-playground-'));

export function playgroundConfig(env: Env, s: PlaygroundSettings): Config {
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => s.live || !REMOTE.test(k)));
  let oncallFile = env.ONCALL_STATIC_FILE;
  if (!s.live && !oncallFile) {
    oncallFile = path.join(s.dataDir, 'oncall.yml');
    fs.writeFileSync(oncallFile, SAMPLE_ONCALL);
  }
  return parseConfig({
    ...kept,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    SLACK_BOT_TOKEN: 'xoxb-playground',
    SLACK_SIGNING_SECRET: s.signingSecret,
    SLACK_APP_TOKEN: undefined,
    SLACK_API_URL: s.apiUrl,
    PORT: '0',
    METRICS_PORT: undefined,
    DATABASE_URL: undefined,
    DATA_DIR: s.dataDir,
    RULES_FILE: s.rulesFile,
    FILING_MODE: s.live ? (env.FILING_MODE ?? 'live') : 'dry-run',
    ...(oncallFile ? { ONCALL_STATIC_FILE: oncallFile } : {}),
  });
}
