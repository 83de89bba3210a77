// Loads a rules file, validates it with zod and compiles it. A bad file fails with messages that
// name the rule id, the field and what is wrong, all at once.
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import type { z } from 'zod';

import { compiledData, compileRules, type Compiled, fromCompiledData, RuleCompileError } from './compile';
import { referenceProblems } from './references';
import { type RulesFile, rulesFileSchema } from './schema';
import { fileRulesCache, type RulesCache, type RulesSnapshot } from './snapshot';
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

/** A validated file and what it compiled to, as the classifier takes them. */
const ruleSet = (file: RulesFile, compiled: Compiled, source: string): RuleSet => ({
  file,
  rules: file.rules,
  byId: new Map(file.rules.map((r) => [r.id, r])),
  source,
  compiled,
});

/** Validates and compiles what a rules file parsed to; every problem is reported at once. */
function rulesFromData(raw: unknown, source: string): RuleSet {
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
  let compiled: Compiled | undefined;
  try {
    compiled = compileRules(file);
  } catch (err) {
    if (!(err instanceof RuleCompileError)) throw err;
    // Unknown concepts are already named above, with a suggestion.
    problems.push(...err.problems.filter((p) => !/: unknown concept @/.test(p)));
  }
  if (problems.length || !compiled) throw new RulesError(source, problems);
  return ruleSet(file, compiled, source);
}

/** Validates and compiles rules from YAML text. */
export function parseRules(yamlText: string, source = '(inline)'): RuleSet {
  return rulesFromData(parseYaml(yamlText, source), source);
}

/**
 * Where compiled rules files are remembered between starts: the package's own node_modules/.cache,
 * the usual place for a tool's caches, writable wherever `npm ci` ran.
 */
export const defaultRulesCache = (): RulesCache =>
  fileRulesCache(path.join(packageRoot(), 'node_modules', '.cache', 'support-router'));

/**
 * Loads the rules file at `file` (default: the handbook rules shipped with the bot). `cache` (null
 * for none) spares a start with an unchanged file the parse, validation and compiling: it returns
 * what they returned for this exact text and code (see snapshot.ts).
 */
export function loadRules(
  file: string = DEFAULT_RULES_FILE,
  cache: RulesCache | null = defaultRulesCache(),
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
  if (remembered) return ruleSet(remembered.file, fromCompiledData(remembered.compiled), file);
  const rules = rulesFromData(parseYaml(text, file), file);
  const snapshot: RulesSnapshot = { file: rules.file, compiled: compiledData(rules.compiled as Compiled) };
  cache?.set(file, text, snapshot);
  return rules;
}
