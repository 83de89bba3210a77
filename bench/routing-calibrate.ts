// `npm run bench:routing -- --calibrate [--fit NAME ...]`: fits the confidence calibration on the
// named sets and checks it on every other set, then prints the line for the rules file. By default
// it fits on the studied half of dev-hard, the calibration set, and the rules' own examples
// cross-validated: each fifth of every rule's examples is classified by scorers trained on the other
// four fifths, so those answers are as unseen as any labelled set's (and far more numerous).
import crypto from 'node:crypto';

import {
  type Calibration,
  type CalibrationInput,
  calibrate,
  fitCalibration,
  IDENTITY_CALIBRATION,
  QUESTION_CAP,
} from '../src/routing/calibration';
import { classifyDetailed } from '../src/routing/classify';
import { compileRules } from '../src/routing/compile';
import { evaluate, HIGH_CONFIDENCE, type LabelledExample } from '../src/routing/evaluate';
import { reliability } from '../src/routing/reliability';
import { type RuleSet, UNKNOWN_ROUTE } from '../src/routing/types';
import type { LabelledSet } from './routing-sets';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The name `--fit` knows the cross-validated rule examples by. */
export const CROSS_VALIDATED = 'rule examples (cross-validated)';
const FOLDS = 5;

type Sample = CalibrationInput & { right: boolean; asked: boolean };

function samplesOf(rules: RuleSet, examples: LabelledExample[]): Sample[] {
  const out: Sample[] = [];
  for (const e of examples) {
    const d = classifyDetailed(e.text, rules);
    if (d.classification.route === UNKNOWN_ROUTE) continue;
    out.push({
      ...d.features,
      right: [e.route, ...(e.accept ?? [])].includes(d.classification.route),
      asked: d.classification.question !== undefined,
    });
  }
  return out;
}

/** A fixed fifth per text, by its SHA-1, so folds never change with the file's order. */
const foldOf = (text: string) => (crypto.createHash('sha1').update(text).digest()[1] as number) % FOLDS;

/** Each fold of the rules' examples, classified by the rules trained without it. */
function crossValidatedSamples(rules: RuleSet): Sample[] {
  const out: Sample[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const kept = rules.file.rules.map((r) => ({
      ...r,
      examples: r.examples.filter((t) => foldOf(t) !== fold),
    }));
    // The classifier block is shared, so the calibration being fitted applies to every fold.
    const file = { ...rules.file, rules: kept };
    const foldRules: RuleSet = { ...rules, file, rules: kept, compiled: compileRules(file) };
    const held = rules.file.rules.flatMap((r) =>
      r.examples.filter((t) => foldOf(t) === fold).map((text) => ({ text, route: r.id })),
    );
    out.push(...samplesOf(foldRules, held));
  }
  return out;
}

/** How many answers reach >= 0.8 under a calibration (as classify would give them), and how many of those are right. */
function highBand(samples: Sample[], cal: Calibration): { high: number; right: number } {
  let high = 0;
  let right = 0;
  for (const s of samples) {
    const confidence = calibrate(cal, s);
    if ((s.asked ? Math.min(QUESTION_CAP, confidence) : confidence) < HIGH_CONFIDENCE) continue;
    high++;
    if (s.right) right++;
  }
  return { high, right };
}

/** The share of answers at >= 0.8 that are right (1 when none is). */
function precisionOf(samples: Sample[], cal: Calibration): number {
  const { high, right } = highBand(samples, cal);
  return high ? right / high : 1;
}

/**
 * The high band is a promise (98% of answers at >= 0.8 right), so after the log-loss fit the
 * intercept is lowered in small steps until every fit source keeps the floor on its own (an easy set
 * must not carry a hard one). The default floor, 98.5%, is half a point above the promise: a fit's
 * own samples always look a little better than text it has never seen. This trades calibration
 * error (underconfident answers) for fewer confident wrong ones.
 */
function withPrecision(groups: Sample[][], cal: Calibration, precision: number): Calibration {
  let shifted = cal;
  const kept = (c: Calibration) => groups.every((g) => precisionOf(g, c) >= precision);
  for (let step = 0; step < 80 && !kept(shifted); step++)
    shifted = { ...shifted, intercept: Math.round((shifted.intercept - 0.05) * 1000) / 1000 };
  return shifted;
}

function line(name: string, rules: RuleSet, set: LabelledSet): string {
  const ev = evaluate(set.examples, rules);
  const r = reliability(ev.predictions);
  return `  ${name.padEnd(34)} ECE ${r.ece.toFixed(3)}  right at >= ${HIGH_CONFIDENCE} ${pct(ev.precisionAtHighConfidence).padStart(6)}  confidently wrong ${pct(ev.confidentWrongRate).padStart(5)}`;
}

function cvLine(samples: Sample[], cal: Calibration): string {
  const { high, right } = highBand(samples, cal);
  const wrong = high - right;
  return `  ${`${CROSS_VALIDATED} (fit)`.padEnd(34)} right at >= ${HIGH_CONFIDENCE} ${pct(precisionOf(samples, cal)).padStart(6)}  confidently wrong ${pct(wrong / samples.length).padStart(5)}  of ${samples.length}`;
}

export function runCalibration(
  rules: RuleSet,
  sets: LabelledSet[],
  fitNames: string[],
  file?: string,
  precision = 0.985,
): void {
  const settings = rules.file.classifier;
  const current = settings.calibration;
  const fit = sets.filter((s) => fitNames.includes(s.name));
  const crossValidate = fitNames.includes(CROSS_VALIDATED);
  if (!fit.length && !crossValidate) {
    console.log(`none of the fit sets (${fitNames.join(', ')}) was found`);
    return;
  }
  // The features do not depend on the calibration, so the samples are taken once.
  settings.calibration = IDENTITY_CALIBRATION;
  const cv = crossValidate ? crossValidatedSamples(rules) : [];
  const groups = [...fit.map((s) => samplesOf(rules, s.examples)), ...(cv.length ? [cv] : [])];
  const logistic = fitCalibration(groups.flat());
  const fitted = withPrecision(groups, logistic, precision);
  const names = [...fit.map((s) => s.name), ...(crossValidate ? [CROSS_VALIDATED] : [])];
  console.log(`\n== calibration fitted on ${names.join(' + ')} (${file ?? 'rules/handbook.yml'})`);
  for (const [label, cal] of [
    ['now in the rules file', current],
    ['fitted (log loss)', logistic],
    [`fitted, >= ${precision * 100}% right at >= ${HIGH_CONFIDENCE} on each fit source`, fitted],
  ] as const) {
    settings.calibration = cal;
    console.log(`${label}: ${JSON.stringify(cal)}`);
    if (crossValidate) console.log(cvLine(cv, cal));
    for (const set of sets)
      console.log(line(`${set.name}${fitNames.includes(set.name) ? ' (fit)' : ''}`, rules, set));
  }
  settings.calibration = current;
  console.log(`\nTo use it, set in the rules file's classifier block:`);
  const fields = Object.entries(fitted).map(([k, v]) => `${k}: ${v}`);
  console.log(`  calibration: { ${fields.join(', ')} }`);
}
