// Turns the classifier's softmax share into a confidence that means what it says: of the answers
// given at 0.8, about 80% are right. A logistic map fitted on labelled requests the rules were not
// written against (`npm run bench:routing -- --calibrate`, see the README) and stored in the rules file.

export interface Calibration {
  /** Weight of logit(softmax share of the best route). */
  a: number;
  /** Weight of the margin: best share minus the runner-up's. */
  b: number;
  /** Intercept. */
  c: number;
}

/** While a clarifying question is open the answer stays below the high band (0.8). */
export const QUESTION_CAP = 0.79;

const EPS = 1e-4;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

export const calibrationFeatures = (share: number, margin: number): [number, number] => [
  logit(share),
  margin,
];

export function calibrate(cal: Calibration, share: number, margin: number): number {
  const [x, m] = calibrationFeatures(share, margin);
  return 1 / (1 + Math.exp(-(cal.a * x + cal.b * m + cal.c)));
}

/**
 * Fits a, b, c by logistic regression (gradient descent on the log loss, light L2 on a and b).
 * Each sample is the raw share and margin of an answer and whether it was right.
 */
export function fitCalibration(
  samples: Array<{ share: number; margin: number; right: boolean }>,
): Calibration {
  let a = 1;
  let b = 0;
  let c = 0;
  const n = samples.length || 1;
  const rate = 0.1;
  const l2 = 1e-3;
  for (let step = 0; step < 5000; step++) {
    let ga = 0;
    let gb = 0;
    let gc = 0;
    for (const s of samples) {
      const [x, m] = calibrationFeatures(s.share, s.margin);
      const p = 1 / (1 + Math.exp(-(a * x + b * m + c)));
      const err = p - (s.right ? 1 : 0);
      ga += err * x;
      gb += err * m;
      gc += err;
    }
    a -= rate * (ga / n + l2 * a);
    b -= rate * (gb / n + l2 * b);
    c -= rate * (gc / n);
  }
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { a: r(a), b: r(b), c: r(c) };
}
