// Turns the classifier's softmax share into a confidence that means what it says: of the answers
// given at 0.8, about 80% are right. A logistic map over a few features of the answer, fitted on
// labelled requests the rules were not written against (`npm run bench:routing -- --calibrate`, see
// the README) and stored in the rules file.

/** What calibration knows about an answer. */
export interface CalibrationInput {
  /** Softmax share of the best route. */
  share: number;
  /** Best share minus the runner-up's. */
  margin: number;
  /** Do the rule's signals and the learned scorers (examples) pick the same best route? */
  agree: boolean;
  /** Did one of the best route's own signals fire (not only its examples' similarity)? */
  signalled: boolean;
  /** Content words in the message: long messages carry more background, and more misleading words. */
  words: number;
  /** How many of the four views (signals, nearest example, word Bayes, n-gram Bayes) pick the best route alone. */
  votes: number;
  /** Does the message contradict a fact the best route requires? */
  contradicted: boolean;
}

/** Weights of the logistic map; the rules file's `classifier.calibration`. */
export interface Calibration {
  intercept: number;
  share: number;
  margin: number;
  agree: number;
  signalled: number;
  /** Weight of log(1 + content words). */
  length: number;
  /** Weight per view that picks the best route on its own. */
  votes: number;
  /** Weight when a required fact is contradicted. */
  contradicted: number;
}

export const IDENTITY_CALIBRATION: Calibration = {
  intercept: 0,
  share: 1,
  margin: 0,
  agree: 0,
  signalled: 0,
  length: 0,
  votes: 0,
  contradicted: 0,
};

/** While a clarifying question is open the answer stays below the high band (0.8). */
export const QUESTION_CAP = 0.79;

const EPS = 1e-4;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

const FEATURES = [
  'intercept',
  'share',
  'margin',
  'agree',
  'signalled',
  'length',
  'votes',
  'contradicted',
] as const;

function features(x: CalibrationInput): number[] {
  return [
    1,
    logit(x.share),
    x.margin,
    x.agree ? 1 : 0,
    x.signalled ? 1 : 0,
    Math.log1p(x.words),
    x.votes,
    x.contradicted ? 1 : 0,
  ];
}

export function calibrate(cal: Calibration, x: CalibrationInput): number {
  const f = features(x);
  let z = 0;
  FEATURES.forEach((name, i) => (z += cal[name] * (f[i] as number)));
  return 1 / (1 + Math.exp(-z));
}

/** Fits the weights by logistic regression: gradient descent on the log loss, light L2 (not on the intercept). */
export function fitCalibration(samples: Array<CalibrationInput & { right: boolean }>): Calibration {
  const w = FEATURES.map((name) => IDENTITY_CALIBRATION[name]);
  const rows = samples.map((s) => ({ f: features(s), y: s.right ? 1 : 0 }));
  const n = rows.length || 1;
  const rate = 0.1;
  const l2 = 1e-3;
  for (let step = 0; step < 8000; step++) {
    const grad = w.map(() => 0);
    for (const { f, y } of rows) {
      let z = 0;
      f.forEach((v, i) => (z += (w[i] as number) * v));
      const err = 1 / (1 + Math.exp(-z)) - y;
      f.forEach((v, i) => (grad[i] = (grad[i] as number) + err * v));
    }
    w.forEach((v, i) => (w[i] = v - rate * ((grad[i] as number) / n + (i === 0 ? 0 : l2 * v))));
  }
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return Object.fromEntries(FEATURES.map((name, i) => [name, r(w[i] as number)])) as unknown as Calibration;
}
