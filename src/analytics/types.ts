// Routing analytics: what the bot answered (route, confidence band, alternatives shown), what people
// corrected, and whether a form was opened and filed afterwards. Request texts are kept only when
// ANALYTICS_KEEP_TEXT_DAYS is set, and each kept text carries the time it is purged at.
import type { ConfidenceBand } from '../routing/bands';
import type { FilingOutcomeLabel, OutboxStats, Surface } from '../metrics/registry';

export interface TriageRecord {
  id: string;
  at: number;
  surface: Surface;
  route: string;
  confidence: number;
  band: ConfidenceBand;
  /** Route ids of the alternatives offered with the answer. */
  alternatives: string[];
  text?: string;
  /** When the text is purged (set with text). */
  textUntil?: number;
}

export interface CorrectionRecord {
  triageId?: string;
  at: number;
  from: string;
  to: string;
  /** A corrected request's text is kept until then (retention on); undefined leaves it as it is. */
  keepTextUntil?: number;
}

export interface FilingRecord {
  submissionId: string;
  triageId?: string;
  at: number;
  route: string;
  outcome: FilingOutcomeLabel;
  /** gitlab or zendesk; undefined when the failure came before a service was chosen. */
  service?: string;
  /** From submission to this outcome. */
  seconds: number;
}

export interface Count {
  count: number;
}

/** The raw figures of a period, as the store aggregates them (the report formats them). */
export interface PeriodFigures {
  total: number;
  abstained: number;
  medium: number;
  routes: Array<{ route: string } & Count>;
  surfaces: Array<{ surface: string } & Count>;
  corrections: Array<{ from: string; to: string } & Count>;
  /** Triage answers whose form was opened, and of those how many were filed, by form route. */
  forms: Array<{ route: string; opened: number; filed: number }>;
  filings: Array<{ route: string; filed: number; failed: number; dryRun: number }>;
  /** Seconds from submission to filed, sorted ascending. */
  filedSeconds: number[];
  failuresByService: Array<{ service: string } & Count>;
}

export interface CorrectedText {
  text: string;
  /** The route the person picked: the label. */
  route: string;
  /** The route the bot answered. */
  from: string;
}

export interface AnalyticsStore {
  recordTriage(r: TriageRecord): Promise<void>;
  recordCorrection(r: CorrectionRecord): Promise<void>;
  recordFormOpened(triageId: string, route: string, at: number): Promise<void>;
  recordFiling(r: FilingRecord): Promise<void>;
  /** Drops every kept text whose time is up; returns how many. */
  purgeTexts(now: number): Promise<number>;
  figures(since: number, until: number): Promise<PeriodFigures>;
  /** Kept texts of corrected requests answered since `since`, oldest first. */
  correctedTexts(since: number, now: number): Promise<CorrectedText[]>;
  outboxStats(): Promise<OutboxStats>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
}
