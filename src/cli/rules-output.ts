// Output of `support-router rules lint` and `rules show`.
import { renderAnswer } from '../routing/answer';
import { DEFAULT_RULES_FILE, RulesError, loadRules } from '../routing/load';
import type { RuleSet } from '../routing/types';
import { UNKNOWN_ROUTE } from '../routing/types';

const MIN_EXAMPLES = 3;

/** Advice that does not stop the bot: thin rules classify poorly, unused destinations rot. */
export function lintWarnings(rules: RuleSet): string[] {
  const warnings: string[] = [];
  for (const rule of rules.rules) {
    if (rule.id === UNKNOWN_ROUTE) continue;
    if (rule.signals.length === 0)
      warnings.push(`rule ${rule.id}: no signals: only example similarity can find it`);
    if (rule.examples.length < MIN_EXAMPLES)
      warnings.push(
        `rule ${rule.id}: ${rule.examples.length} examples (at least ${MIN_EXAMPLES} recommended)`,
      );
  }
  const used = rules.rules.map((r) => r.answer).join('\n');
  for (const name of Object.keys(rules.file.destinations))
    if (!used.includes(`{{${name}}}`)) warnings.push(`destinations.${name}: not used by any answer`);
  return warnings;
}

export function lintReport(file: string = DEFAULT_RULES_FILE): { ok: boolean; text: string } {
  try {
    const rules = loadRules(file);
    const signals = rules.rules.reduce((n, r) => n + r.signals.length, 0);
    const warnings = lintWarnings(rules);
    const summary = `OK ${file}: ${rules.rules.length} rules, ${Object.keys(rules.file.concepts).length} concepts, ${signals} signals`;
    return { ok: true, text: [summary, ...warnings.map((w) => `warning: ${w}`)].join('\n') };
  } catch (err) {
    if (err instanceof RulesError) return { ok: false, text: err.message };
    throw err;
  }
}

/** One line per route: id, action and title, aligned, in the file's order. */
export function listRules(rules: RuleSet): string {
  const width = Math.max(...rules.rules.map((r) => r.id.length));
  return rules.rules.map((r) => `${r.id.padEnd(width)}  ${r.action.padEnd(6)}  ${r.title}`).join('\n');
}

export function showRule(rules: RuleSet, id: string): string | undefined {
  const rule = rules.byId.get(id);
  if (!rule) return undefined;
  const lines = [
    `${rule.id}: ${rule.title}`,
    `action:   ${rule.action}`,
    `handbook: ${rule.section} (${rule.link})`,
    'answer:',
    ...renderAnswer(rule, rules)
      .split('\n')
      .map((l) => `  ${l}`),
  ];
  if (rule.form) lines.push(`form:     ${JSON.stringify(rule.form)}`);
  lines.push(`signals:  ${rule.signals.length}`);
  for (const s of rule.signals)
    lines.push(
      `  ${s.weight > 0 ? '+' : ''}${s.weight} ${s.why ?? JSON.stringify({ any: s.any, all: s.all, none: s.none })}`,
    );
  lines.push('examples:', ...rule.examples.map((e) => `  - ${e}`));
  return lines.join('\n');
}
