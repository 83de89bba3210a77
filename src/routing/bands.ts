// Confidence bands: what the bot may do with an answer of a given confidence. One pure function, so
// the Slack views, the command line, the benchmark and the metrics all draw the same lines.
//   high     the answer, with its form or on-call lookup
//   medium   the likely answer, but the clarifying question or the alternatives come first as buttons
//   low      no answer: the menu of likely routes
//   unknown  nothing fits: the menu of common routes
import type { Classification } from './types';
import { UNKNOWN_ROUTE } from './types';

export type ConfidenceBand = 'high' | 'medium' | 'low' | 'unknown';

/** Lower bounds of the bands. Confidence is calibrated, so 0.8 means about 8 in 10 are right. */
export const BAND_FLOORS = { high: 0.8, medium: 0.5 } as const;

export function confidenceBand(c: Pick<Classification, 'route' | 'confidence' | 'question'>): ConfidenceBand {
  if (c.route === UNKNOWN_ROUTE) return 'unknown';
  if (c.confidence >= BAND_FLOORS.high && !c.question) return 'high';
  // An open question keeps the answer out of the high band whatever its confidence.
  if (c.confidence >= BAND_FLOORS.medium || c.question) return 'medium';
  return 'low';
}
