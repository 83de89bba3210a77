// Everything the bot needs, checked before it starts and by `support-router config check`: the
// settings, the files they name and the store, offline; with `online`, Slack and PostgreSQL too.
// All problems come back in one list, so an operator fixes them in one pass.
import { partialConfig, type Config } from '../config';
import type { StaticSchedules } from '../oncall/static';
import type { RuleSet } from '../routing/types';
import type { StoreLocation } from '../store';
import { checkFilingSettings, checkOncallFile, checkRules } from './files';
import { errorsOf, type Problem, type ProblemSource } from './problems';
import { checkSettings } from './settings';
import { checkStore } from './store';

export interface Preflight {
  config?: Config;
  rules?: RuleSet;
  schedules?: StaticSchedules;
  store?: StoreLocation;
  problems: Problem[];
  /** The files named in the headings of the report. */
  where: Partial<Record<ProblemSource, string>>;
  ok: boolean;
}

/** The offline checks: nothing here touches the network. */
export function preflight(env: Record<string, string | undefined>, now: Date = new Date()): Preflight {
  const settings = checkSettings(env);
  const problems = [...settings.problems];
  const where: Preflight['where'] = {};
  const result: Omit<Preflight, 'problems' | 'where' | 'ok'> = {};
  // The files are checked even when a setting is wrong (with that setting at its default), so
  // their problems come in the same list.
  {
    const config = settings.config ?? partialConfig(env);
    if (settings.config) result.config = settings.config;
    const rules = checkRules(config);
    if (rules.rules) result.rules = rules.rules;
    where['rules file'] = config.RULES_FILE ?? 'rules/handbook.yml';
    const oncall = checkOncallFile(config, now);
    if (oncall.schedules) result.schedules = oncall.schedules;
    if (config.ONCALL_STATIC_FILE)
      where['on-call file'] = `${config.ONCALL_STATIC_FILE} (ONCALL_STATIC_FILE)`;
    if (config.FILING_CONFIG_FILE)
      where['filing settings file'] = `${config.FILING_CONFIG_FILE} (FILING_CONFIG_FILE)`;
    const store = checkStore(config);
    if (store.location) result.store = store.location;
    problems.push(...rules.problems, ...oncall.problems, ...checkFilingSettings(config), ...store.problems);
  }
  return { ...result, problems, where, ok: errorsOf(problems).length === 0 };
}
