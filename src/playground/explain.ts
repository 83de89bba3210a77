// For rules authors: how the loaded rules read a request (route, confidence, band, the evidence),
// shown beside the answer so an author sees why it went where it went.
import { confidenceBand } from '../routing/bands';
import { classify } from '../routing/classify';
import type { RuleSet } from '../routing/types';

export function explain(text: string, rules: RuleSet): string | undefined {
  if (!text.trim()) return undefined;
  const c = classify(text, rules);
  const also = c.alternatives
    .filter((a) => a.confidence >= 0.05)
    .map((a) => `${a.route} ${a.confidence.toFixed(2)}`)
    .join(', ');
  return [
    `route ${c.route} · confidence ${c.confidence.toFixed(2)} (${confidenceBand(c)} band)`,
    ...(also ? [`also likely: ${also}`] : []),
    ...(c.evidence.length ? [`why: ${c.evidence.join('; ')}`] : []),
    ...(c.question ? [`asks: ${c.question.text}`] : []),
  ].join('\n');
}
