// `npm run bench:routing -- --calibrate [--fit NAME ...]`: fits the confidence calibration on the
// named sets (by default the studied half of dev-hard and the blind set hard-a, which the rules were
// not written against) and checks it on every other set, then prints the line for the rules file.
import {
  type Calibration,
  type CalibrationInput,
  fitCalibration,
  IDENTITY_CALIBRATION,
} from '../src/routing/calibration';
import { classifyDetailed } from '../src/routing/classify';
import { evaluate, HIGH_CONFIDENCE } from '../src/routing/evaluate';
import { reliability } from '../src/routing/reliability';
import { type RuleSet, UNKNOWN_ROUTE } from '../src/routing/types';
import type { LabelledSet } from './routing-sets';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function samples(rules: RuleSet, sets: LabelledSet[]) {
  const out: Array<CalibrationInput & { right: boolean }> = [];
  for (const set of sets)
    for (const e of set.examples) {
      const d = classifyDetailed(e.text, rules);
      if (d.classification.route === UNKNOWN_ROUTE) continue;
      out.push({
        ...d.features,
        right: [e.route, ...(e.accept ?? [])].includes(d.classification.route),
      });
    }
  return out;
}

function line(name: string, rules: RuleSet, set: LabelledSet): string {
  const ev = evaluate(set.examples, rules);
  const r = reliability(ev.predictions);
  return `  ${name.padEnd(26)} ECE ${r.ece.toFixed(3)}  right at >= ${HIGH_CONFIDENCE} ${pct(ev.precisionAtHighConfidence).padStart(6)}  confidently wrong ${pct(ev.confidentWrongRate).padStart(5)}`;
}

/**
 * The high band is a promise (the bar: 98% of answers at >= 0.8 right), so after the
 * log-loss fit the intercept is lowered in small steps until the fit sets keep it. This trades a
 * little calibration error (slightly underconfident answers) for fewer confident wrong ones.
 */
function withPrecision(rules: RuleSet, fit: LabelledSet[], cal: Calibration, precision: number): Calibration {
  const examples = fit.flatMap((s) => s.examples);
  const settings = rules.file.classifier;
  let shifted = cal;
  for (let step = 0; step < 80; step++) {
    settings.calibration = shifted;
    if (evaluate(examples, rules).precisionAtHighConfidence >= precision) break;
    shifted = { ...shifted, intercept: Math.round((shifted.intercept - 0.05) * 1000) / 1000 };
  }
  return shifted;
}

export function runCalibration(
  rules: RuleSet,
  sets: LabelledSet[],
  fitNames: string[],
  file?: string,
  precision = 0.98,
): void {
  const settings = rules.file.classifier;
  const current = settings.calibration;
  const fit = sets.filter((s) => fitNames.includes(s.name));
  if (!fit.length) {
    console.log(`none of the fit sets (${fitNames.join(', ')}) was found`);
    return;
  }
  settings.calibration = IDENTITY_CALIBRATION;
  const logistic = fitCalibration(samples(rules, fit));
  const fitted = withPrecision(rules, fit, logistic, precision);
  console.log(
    `\n== calibration fitted on ${fit.map((s) => s.name).join(' + ')} (${file ?? 'rules/handbook.yml'})`,
  );
  for (const [label, cal] of [
    ['now in the rules file', current],
    ['fitted (log loss)', logistic],
    [`fitted, >= ${precision * 100}% right at >= ${HIGH_CONFIDENCE} on the fit sets`, fitted],
  ] as const) {
    settings.calibration = cal;
    console.log(`${label}: ${JSON.stringify(cal)}`);
    for (const set of sets)
      console.log(line(`${set.name}${fitNames.includes(set.name) ? ' (fit)' : ''}`, rules, set));
  }
  settings.calibration = current;
  console.log(`\nTo use it, set in the rules file's classifier block:`);
  const fields = Object.entries(fitted).map(([k, v]) => `${k}: ${v}`);
  console.log(`  calibration: { ${fields.join(', ')} }`);
}
