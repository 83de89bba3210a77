// Scores the classifier against labelled examples. Used by the routing benchmark and the tests.
import { classify } from './classify';
import { type Classification, type RuleSet, UNKNOWN_ROUTE } from './types';

export interface LabelledExample {
  text: string;
  route: string;
  /** Other routes also counted as right for this text. */
  accept?: string[];
}

export interface Prediction {
  example: LabelledExample;
  result: Classification;
  correct: boolean;
  inTop3: boolean;
}

export interface Evaluation {
  total: number;
  top1: number;
  top3: number;
  family: number;
  abstainRate: number;
  confidentWrongRate: number;
  /** Of the answers at confidence >= 0.8, the share that is right. */
  precisionAtHighConfidence: number;
  highConfidenceShare: number;
  recallByRoute: Map<string, { right: number; total: number }>;
  confusions: Array<{ expected: string; got: string; count: number }>;
  predictions: Prediction[];
}

export const HIGH_CONFIDENCE = 0.8;

const family = (route: string) => route.split('/')[0] as string;

export function evaluate(examples: LabelledExample[], rules: RuleSet): Evaluation {
  const predictions = examples.map((example) => {
    const result = classify(example.text, rules);
    const ok = new Set([example.route, ...(example.accept ?? [])]);
    const top3 = [result.route, ...result.alternatives.map((a) => a.route)].slice(0, 3);
    return { example, result, correct: ok.has(result.route), inTop3: top3.some((r) => ok.has(r)) };
  });
  const n = predictions.length || 1;
  const high = predictions.filter((p) => p.result.confidence >= HIGH_CONFIDENCE);
  const recallByRoute = new Map<string, { right: number; total: number }>();
  const confusionCounts = new Map<string, number>();
  for (const p of predictions) {
    const entry = recallByRoute.get(p.example.route) ?? { right: 0, total: 0 };
    entry.total++;
    if (p.correct) entry.right++;
    else
      confusionCounts.set(
        `${p.example.route}\t${p.result.route}`,
        (confusionCounts.get(`${p.example.route}\t${p.result.route}`) ?? 0) + 1,
      );
    recallByRoute.set(p.example.route, entry);
  }
  const confusions = [...confusionCounts]
    .map(([key, count]) => {
      const [expected, got] = key.split('\t') as [string, string];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count);
  return {
    total: predictions.length,
    top1: predictions.filter((p) => p.correct).length / n,
    top3: predictions.filter((p) => p.inTop3).length / n,
    family:
      predictions.filter((p) => family(p.result.route) === family(p.example.route) || p.correct).length / n,
    abstainRate: predictions.filter((p) => p.result.route === UNKNOWN_ROUTE).length / n,
    confidentWrongRate: high.filter((p) => !p.correct).length / n,
    precisionAtHighConfidence: high.length ? high.filter((p) => p.correct).length / high.length : 1,
    highConfidenceShare: high.length / n,
    recallByRoute,
    confusions,
    predictions,
  };
}

/** Parses JSON lines of labelled examples, skipping blank lines. */
export function parseLabelled(jsonl: string): LabelledExample[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledExample);
}
