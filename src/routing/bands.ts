// The confidence band an answer is given in. Metrics and routing analytics label triages with it,
// so dashboards read "how sure was the bot" without the raw number.
import { UNKNOWN_ROUTE } from './types';

export type ConfidenceBand = 'high' | 'medium' | 'low' | 'unknown';

export const CONFIDENCE_BANDS: readonly ConfidenceBand[] = ['high', 'medium', 'low', 'unknown'];

/** At 0.8 or more the labelled sets are right at least 95% of the time (see Classification). */
export const HIGH_BAND = 0.8;
export const MEDIUM_BAND = 0.5;

export function bandOf(confidence: number, route: string): ConfidenceBand {
  if (route === UNKNOWN_ROUTE) return 'unknown';
  if (confidence >= HIGH_BAND) return 'high';
  if (confidence >= MEDIUM_BAND) return 'medium';
  return 'low';
}
