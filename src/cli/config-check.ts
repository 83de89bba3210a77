// `support-router config check [--online]`: every check the bot makes at start, without starting it.
// Offline it reads only the environment and the files they name; --online also asks Slack
// (auth.test), PostgreSQL and the on-call provider. Exits non-zero with the list of problems, or
// prints what the bot will do.
import { webApi } from '@slack/bolt';
import { preflight, type Preflight } from '../checks';
import { errorsOf, formatProblems, warningsOf, type Problem } from '../checks/problems';
import { checkSlackOnline } from '../checks/slack';
import { checkStoreOnline, describeStore } from '../checks/store';
import type { Config } from '../config';
import { createLogger } from '../logger';
import { createOncall } from '../oncall';
import { createStaticProvider } from '../oncall/static';
import { ROTATIONS, type OncallProvider, type OncallResult } from '../oncall/types';
import { webClientOptions } from '../slack/client-options';
import { ROTATION_LABEL } from '../views/oncall';
import { startupReport } from '../checks/report';

export interface CheckOutput {
  ok: boolean;
  text: string;
}

function oncallLine(rotation: (typeof ROTATIONS)[number], result: OncallResult): string {
  if (!result.ok)
    return `${ROTATION_LABEL[rotation]}: lookup failed (${result.reason}); people get the manual way`;
  const people = result.answer.people.map((p) => p.name).join(', ');
  return `${ROTATION_LABEL[rotation]}: ${people || 'nobody listed (people get the manual way)'}`;
}

async function whoIsOnCall(check: Preflight, config: Config, online: boolean): Promise<string[]> {
  let provider: OncallProvider | undefined;
  if (check.schedules) provider = createStaticProvider(check.schedules);
  if (!provider && !online) {
    if (config.ONCALL_PROVIDER === 'static')
      return ['no schedule: every on-call question gets the manual ChatOps way'];
    return [`${config.ONCALL_PROVIDER}: not looked up offline (add --online)`];
  }
  const service = provider
    ? {
        lookup: async (r: (typeof ROTATIONS)[number]) => ({
          ok: true as const,
          cached: false,
          answer: await provider.lookup(r, new AbortController().signal),
        }),
      }
    : createOncall(config, createLogger('silent'));
  const lines: string[] = [];
  for (const rotation of ROTATIONS) lines.push(oncallLine(rotation, await service.lookup(rotation)));
  return lines;
}

function filingLine(config: Config): string {
  const gitlab = config.GITLAB_TOKEN ? `GitLab ${config.GITLAB_URL}` : 'GitLab not set up';
  const zendesk =
    config.ZENDESK_URL && config.ZENDESK_API_TOKEN ? `Zendesk ${config.ZENDESK_URL}` : 'Zendesk not set up';
  return config.FILING_MODE === 'dry-run'
    ? 'dry-run: forms are stored and the exact request is shown to the requester; nothing is sent'
    : `live: ${gitlab}; ${zendesk}`;
}

async function onlineProblems(
  check: Preflight,
  config: Config,
): Promise<{ problems: Problem[]; identity?: string }> {
  const problems: Problem[] = [];
  let identity: string | undefined;
  if (config.SLACK_BOT_TOKEN) {
    const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
      ...webClientOptions({
        ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
        retries: 0,
      }),
      logLevel: webApi.LogLevel.ERROR, // the outcome is reported below, in words
    });
    const slack = await checkSlackOnline(client, config.SLACK_API_URL);
    problems.push(...slack.problems);
    identity = slack.identity;
  }
  if (check.store) problems.push(...(await checkStoreOnline(check.store)));
  return { problems, ...(identity ? { identity } : {}) };
}

export async function configCheck(
  env: Record<string, string | undefined>,
  online: boolean,
): Promise<CheckOutput> {
  const check = preflight(env);
  const config = check.config;
  let problems = check.problems;
  let identity: string | undefined;
  if (config && online && check.ok) {
    const more = await onlineProblems(check, config);
    problems = [...problems, ...more.problems];
    identity = more.identity;
  }
  if (!config || errorsOf(problems).length) return { ok: false, text: startupReport(problems, check.where) };
  const lines = [
    `OK: support-router can start${online ? '' : ' (checked offline; --online also asks Slack, PostgreSQL and the on-call provider)'}.`,
    '',
    `Slack:    ${config.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on port ${config.PORT} (/slack/events)`}${identity ? `, signed in as ${identity}` : ''}`,
    `Store:    ${check.store ? describeStore(check.store) : '-'}`,
    `Filing:   ${filingLine(config)}`,
    `Rules:    ${check.rules?.source ?? '-'} (${check.rules?.rules.length ?? 0} routes)`,
    `On-call:  ${config.ONCALL_PROVIDER}${config.ONCALL_STATIC_FILE ? ` (${config.ONCALL_STATIC_FILE})` : ''}`,
    ...(await whoIsOnCall(check, config, online)).map((l) => `          ${l}`),
  ];
  const warnings = warningsOf(problems);
  if (warnings.length)
    lines.push(
      '',
      `${warnings.length} warning${warnings.length === 1 ? '' : 's'}:`,
      '',
      formatProblems(warnings, check.where),
    );
  return { ok: true, text: lines.join('\n') };
}
