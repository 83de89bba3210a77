// The files the settings name: the rules file, the on-call file and the filing settings file, each
// loaded and validated as the bot would, every problem kept with the file it is in.
import type { Config } from '../config';
import { loadSettings, SettingsFileError } from '../kinds/settings';
import { coverageWarnings, OncallFileError, readStaticFile, type StaticSchedules } from '../oncall/static';
import { DEFAULT_RULES_FILE, loadRules, RulesError } from '../routing/load';
import type { RuleSet } from '../routing/types';
import { fromLines, type Problem } from './problems';

export function checkRules(config: Pick<Config, 'RULES_FILE'>): { rules?: RuleSet; problems: Problem[] } {
  try {
    return { rules: loadRules(config.RULES_FILE ?? DEFAULT_RULES_FILE), problems: [] };
  } catch (err) {
    if (err instanceof RulesError) return { problems: fromLines('rules file', err.problems) };
    throw err;
  }
}

/** Problems the bot reports for a file error it meets while building its parts (rules, on-call). */
export function fileErrorProblems(err: unknown): Problem[] | undefined {
  if (err instanceof RulesError) return fromLines('rules file', err.problems);
  if (err instanceof OncallFileError) return fromLines('on-call file', err.problems);
  if (err instanceof SettingsFileError) return fromLines('filing settings file', err.problems);
  return undefined;
}

export function checkOncallFile(
  config: Pick<Config, 'ONCALL_PROVIDER' | 'ONCALL_STATIC_FILE'>,
  now: Date = new Date(),
): { schedules?: StaticSchedules; problems: Problem[] } {
  if (config.ONCALL_PROVIDER !== 'static' || !config.ONCALL_STATIC_FILE) return { problems: [] };
  try {
    const schedules = readStaticFile(config.ONCALL_STATIC_FILE);
    return { schedules, problems: fromLines('on-call file', coverageWarnings(schedules, now), 'warning') };
  } catch (err) {
    if (err instanceof OncallFileError) return { problems: fromLines('on-call file', err.problems) };
    throw err;
  }
}

export function checkFilingSettings(config: Pick<Config, 'FILING_CONFIG_FILE'>): Problem[] {
  try {
    loadSettings(config.FILING_CONFIG_FILE);
    return [];
  } catch (err) {
    if (err instanceof SettingsFileError) return fromLines('filing settings file', err.problems);
    throw err;
  }
}
