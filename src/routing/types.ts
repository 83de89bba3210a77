// The classifier's answer. These shapes are a contract: the CLI's --jsonl output and the Slack views use them.
import type { Rule, RulesFile } from './schema';

export const UNKNOWN_ROUTE = 'unknown';

export interface Alternative {
  route: string;
  confidence: number;
}

/** One answer to a clarifying question: its button text and the routes it selects, best first. */
export interface QuestionOption {
  label: string;
  routes: string[];
}

/** The one fact the top routes differ on and the message does not settle, asked as a question. */
export interface Question {
  /** The fact's name in the rules file ("deployment"). */
  fact: string;
  text: string;
  options: QuestionOption[];
}

export interface Classification {
  /** A route id from the rules, or "unknown" when nothing fits with enough confidence. */
  route: string;
  /** 0..1, calibrated: of the answers at 0.8 or more, at least 98% are right on the labelled sets. */
  confidence: number;
  /** The next most likely routes (up to 3), best first, never including `route`. */
  alternatives: Alternative[];
  /** Short, human-readable reasons: what in the text matched. */
  evidence: string[];
  /** Present when the bot should ask before answering (the top routes differ on one unsettled fact). */
  question?: Question;
}

/** A loaded, validated and compiled rules file, ready for classify(). */
export interface RuleSet {
  file: RulesFile;
  rules: Rule[];
  byId: ReadonlyMap<string, Rule>;
  /** Where the rules came from (a path), for messages. */
  source: string;
  /** Compiled matchers; opaque to callers. */
  compiled: unknown;
}
