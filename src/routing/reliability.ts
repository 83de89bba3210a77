// How far confidence can be trusted on a labelled set: a reliability table (confidence buckets with
// their count and share right), the expected calibration error, how often the bot would ask its
// clarifying question, and the top-1 once the person has answered it. Used by bench:routing.
import type { Prediction } from './evaluate';

export interface Bucket {
  from: number;
  to: number;
  count: number;
  right: number;
  meanConfidence: number;
}

export interface Reliability {
  buckets: Bucket[];
  /** Expected calibration error: sum over buckets of share x |share right - mean confidence|. */
  ece: number;
  questionRate: number;
  /** Top-1 when every question is answered with the option holding the labelled route. */
  top1AfterAnswer: number;
}

const BUCKET_WIDTH = 0.1;

/** Would the labelled route be the answer once the question is answered truthfully? */
export function rightAfterAnswer(p: Prediction): boolean {
  const q = p.result.question;
  if (!q) return p.correct;
  const ok = new Set([p.example.route, ...(p.example.accept ?? [])]);
  const chosen = q.options.find((o) => o.routes.some((r) => ok.has(r)));
  // No answer holds the labelled route: the person would still have the first answer to go on.
  return chosen ? ok.has(chosen.routes[0] as string) : p.correct;
}

export function reliability(predictions: Prediction[]): Reliability {
  const n = predictions.length || 1;
  const count = Math.round(1 / BUCKET_WIDTH);
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    from: i * BUCKET_WIDTH,
    to: (i + 1) * BUCKET_WIDTH,
    count: 0,
    right: 0,
    meanConfidence: 0,
  }));
  for (const p of predictions) {
    const b = buckets[Math.min(count - 1, Math.floor(p.result.confidence / BUCKET_WIDTH))] as Bucket;
    b.count++;
    if (p.correct) b.right++;
    b.meanConfidence += p.result.confidence;
  }
  let ece = 0;
  for (const b of buckets) {
    if (!b.count) continue;
    b.meanConfidence /= b.count;
    ece += (b.count / n) * Math.abs(b.right / b.count - b.meanConfidence);
  }
  return {
    buckets: buckets.filter((b) => b.count > 0),
    ece,
    questionRate: predictions.filter((p) => p.result.question).length / n,
    top1AfterAnswer: predictions.filter(rightAfterAnswer).length / n,
  };
}
