// The support-router command line: classify requests, lint or inspect the rules, and report on the
// routing analytics in the store; offline and without any Slack, GitLab or Zendesk credentials.
import { parseArgs } from 'node:util';

import { ConfigError, loadConfig, readEnvironment } from '../config';
import { RulesError, loadRules } from '../routing/load';
import type { RuleSet } from '../routing/types';
import { classifyJsonl, formatClassification } from './classify-output';
import { reportCommand } from './report';
import { lintReport, listRules, showRule } from './rules-output';

const USAGE = `Usage:
  support-router classify [--json] "text"     route one request (human-readable or one JSON object)
  support-router classify --jsonl             read {"text": "..."} lines on stdin, write one result line each
  support-router rules list                   every route id with its action and title
  support-router rules lint [FILE]            validate a rules file (default: RULES_FILE or the built-in rules)
  support-router rules show ID                print one rule: its answer, form and signals
  support-router config check [--online]      check the settings and the files they name without starting
                                              the bot; --online also asks Slack, PostgreSQL and on-call
  support-router report [--since 7d] [--json] requests per route and surface, abstain rate, corrections,
                                              forms opened -> filed, filing outcomes (store: DATABASE_URL)
  support-router report --corrections --jsonl kept texts of corrected requests as labelled lines
                                              {"text","route","from"} (needs ANALYTICS_KEEP_TEXT_DAYS)
  support-router playground [--port N] [--rules FILE] [--live]
                                              the real bot in a browser, without Slack (127.0.0.1:3000);
                                              forms show what they would file unless --live
Options:
  --since 7d|30d|12h|ISO                      start of the report's period (default 7d)
  --rules FILE                                use this rules file (overrides RULES_FILE)
  --online                                    with config check: call Slack, PostgreSQL and the provider
  -h, --help                                  show this help`;

type Out = (text: string) => void;
const stdout: Out = (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const stderr: Out = (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);

function rulesPath(flag: string | undefined): string | undefined {
  if (flag) return flag;
  return loadConfig().RULES_FILE;
}

async function classifyCommand(
  args: string[],
  values: Record<string, unknown>,
  rules: RuleSet,
): Promise<number> {
  if (values.jsonl) {
    await classifyJsonl(process.stdin, process.stdout, rules);
    return 0;
  }
  const text = args.join(' ').trim();
  if (!text) {
    stderr('classify needs a text, or --jsonl to read JSON lines from stdin.');
    return 2;
  }
  stdout(formatClassification(text, rules, Boolean(values.json)));
  return 0;
}

function rulesCommand(args: string[], rulesFlag: string | undefined): number {
  const [sub, arg] = args;
  if (sub === 'lint') {
    const report = lintReport(arg ?? rulesPath(rulesFlag));
    (report.ok ? stdout : stderr)(report.text);
    return report.ok ? 0 : 1;
  }
  if (sub === 'list') {
    stdout(listRules(loadRules(rulesPath(rulesFlag))));
    return 0;
  }
  if (sub === 'show' && arg) {
    const rules = loadRules(rulesPath(rulesFlag));
    const text = showRule(rules, arg);
    if (!text) {
      stderr(`No rule "${arg}". Known ids: ${rules.rules.map((r) => r.id).join(', ')}`);
      return 1;
    }
    stdout(text);
    return 0;
  }
  stderr(USAGE);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'playground') {
    // Loaded only here, with its own options: it starts the Slack app, which the other commands never need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { playgroundCommand } = require('../playground/cli') as typeof import('../playground/cli');
    return playgroundCommand(argv.slice(1), stdout, stderr);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        rules: { type: 'string' },
        online: { type: 'boolean' },
        since: { type: 'string' },
        corrections: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    stderr(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? stdout : stderr)(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    if (command === 'classify')
      return await classifyCommand(rest, values, loadRules(rulesPath(values.rules)));
    if (command === 'rules') return rulesCommand(rest, values.rules);
    if (command === 'config' && rest[0] === 'check') {
      // Loaded only here: it brings the Slack and database clients the other commands never need.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { configCheck } = require('./config-check') as typeof import('./config-check');
      const env = readEnvironment();
      const result = await configCheck(
        values.rules ? { ...env, RULES_FILE: values.rules } : env,
        Boolean(values.online),
      );
      (result.ok ? stdout : stderr)(result.text);
      return result.ok ? 0 : 1;
    }
    if (command === 'report') return await reportCommand(loadConfig(), values, stdout, stderr);
    stderr(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  } catch (err) {
    if (err instanceof RulesError || err instanceof ConfigError) {
      stderr(err.message);
      return 1;
    }
    throw err;
  }
}
