// Loads a rules file, validates it with zod and compiles it. A bad file fails with messages that
// name the rule id, the field and what is wrong, all at once.
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import type { z } from 'zod';

import { compileRules, RuleCompileError } from './compile';
import type { Compiled } from './compile';
import type { LearnedModels } from './learned-cache';
import { fileParseCache, type ParseCache } from './parse-cache';
import { referenceProblems } from './references';
import { type RulesFile, rulesFileSchema } from './schema';
import type { RuleSet } from './types';

export class RulesError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid rules file ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RulesError';
  }
}

/** The directory holding package.json, found from this file whether it runs from src/ or dist/. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const DEFAULT_RULES_FILE = path.join(packageRoot(), 'rules', 'handbook.yml');

/** Part of the parse cache's key: another parser version may parse the same text differently. */
const YAML_PARSER_VERSION = `js-yaml@${
  (JSON.parse(fs.readFileSync(require.resolve('js-yaml/package.json'), 'utf8')) as { version: string })
    .version
}`;

/** "rules.12.signals.0.weight" -> "rule star: signals[0].weight", using the rule's id when it has one. */
function describePath(issuePath: PropertyKey[], raw: unknown): string {
  const parts = issuePath.map(String);
  if (parts[0] === 'rules' && parts[1] !== undefined) {
    const rules = (raw as { rules?: Array<{ id?: unknown }> })?.rules;
    const id = rules?.[Number(parts[1])]?.id;
    const rest = parts
      .slice(2)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '');
    return `rule ${typeof id === 'string' ? id : `#${Number(parts[1]) + 1}`}${rest ? `: ${rest}` : ''}`;
  }
  return parts.join('.') || '(file)';
}

function duplicateProblems(file: RulesFile): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const rule of file.rules) {
    if (seen.has(rule.id)) problems.push(`rule ${rule.id}: id: used more than once`);
    seen.add(rule.id);
  }
  return problems;
}

function parseYaml(yamlText: string, source: string): unknown {
  try {
    return loadYaml(yamlText);
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    throw new RulesError(source, [`YAML: ${err.message.split('\n')[0]}`]);
  }
}

/**
 * Validates and compiles what a rules file parsed to; every problem is reported at once. `learned`:
 * the scorers trained from this same file before (see compileRules).
 */
function rulesFromData(raw: unknown, source: string, learned?: LearnedModels): RuleSet {
  // Checked on the raw data first, so they are reported even next to schema errors.
  const references = referenceProblems(raw);
  const parsed = rulesFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new RulesError(source, [
      ...parsed.error.issues.map((i: z.core.$ZodIssue) => `${describePath(i.path, raw)}: ${i.message}`),
      ...references,
    ]);
  const file = parsed.data;
  const problems = [...duplicateProblems(file), ...references];
  let compiled: unknown;
  try {
    compiled = compileRules(file, learned);
  } catch (err) {
    if (!(err instanceof RuleCompileError)) throw err;
    // Unknown concepts are already named above, with a suggestion.
    problems.push(...err.problems.filter((p) => !/: unknown concept @/.test(p)));
  }
  if (problems.length) throw new RulesError(source, problems);
  return { file, rules: file.rules, byId: new Map(file.rules.map((r) => [r.id, r])), source, compiled };
}

/** Validates and compiles rules from YAML text. */
export function parseRules(yamlText: string, source = '(inline)'): RuleSet {
  return rulesFromData(parseYaml(yamlText, source), source);
}

/**
 * Where parsed rules files are remembered between starts: the package's own node_modules/.cache,
 * the usual place for a tool's caches, writable wherever `npm ci` ran.
 */
export const defaultParseCache = (): ParseCache =>
  fileParseCache(path.join(packageRoot(), 'node_modules', '.cache', 'support-router'), YAML_PARSER_VERSION);

/** Keeps the scorers trained from a file that validated, for the next start. */
function storeLearned(cache: ParseCache | null, file: string, text: string, rules: RuleSet): void {
  const { similarity, ngrams } = rules.compiled as Compiled;
  cache?.setLearned?.(file, text, { similarity: similarity.model, ngrams: ngrams.model });
}

/**
 * Loads the rules file at `file` (default: the handbook rules shipped with the bot). `cache` (null
 * for none) spares a restart the YAML parse when the file has not changed; what it returns is
 * validated and compiled like a fresh parse.
 */
export function loadRules(
  file: string = DEFAULT_RULES_FILE,
  cache: ParseCache | null = defaultParseCache(),
): RuleSet {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RulesError(file, [
      `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    ]);
  }
  const remembered = cache?.get(file, text);
  if (remembered !== undefined) {
    const learned = cache?.getLearned?.(file, text);
    const rules = rulesFromData(remembered, file, learned);
    if (!learned) storeLearned(cache, file, text, rules);
    return rules;
  }
  const raw = parseYaml(text, file);
  const rules = rulesFromData(raw, file);
  cache?.set(file, text, raw);
  storeLearned(cache, file, text, rules);
  return rules;
}
