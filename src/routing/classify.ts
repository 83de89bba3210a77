// The classifier: a pure function from text to route. A route's score adds its rule's weighted
// signals (phrases and concepts, negation-aware) to what the rules' examples teach (nearest-example
// similarity and naive Bayes); a softmax with a "nothing fits" option turns scores into confidences,
// and low confidence answers "unknown" with the likely routes.
import { calibrate, type CalibrationInput, QUESTION_CAP } from './calibration';
import type { Compiled, CompiledRule } from './compile';
import { factScore, questionFor, readFacts, statedLabels, type FactReading } from './facts';
import {
  describe,
  findPhrases,
  type Hit,
  rulesInPlay,
  signalFires,
  signalInAsk,
  TermHits,
  textStems,
} from './match';
import { type Classification, type RuleSet, UNKNOWN_ROUTE } from './types';

/**
 * How sure "unknown" may be: not very when some route's signal fired, a little more when the text
 * only uses the handbook's vocabulary, and quite sure when it is small talk or off-topic.
 */
const UNKNOWN_CAP_SIGNALLED = 0.6;
const UNKNOWN_CAP_ON_TOPIC = 0.7;
const UNKNOWN_CAP_OFF_TOPIC = 0.95;
/** Naive Bayes gets its full weight once a message has this many words the examples know. */
const BAYES_FULL_WEIGHT_AT = 3;
/** Similarity above this is worth naming as evidence. */
const SIMILAR_EVIDENCE = 0.35;
/** A runner-up this close to the best (share of the best's confidence) is worth a question. */
const QUESTION_RUNNER_UP = 0.2;

/**
 * The classifier reads at most this many characters of a message. A real request says what it needs
 * well within it (the longest labelled request is under 400); the cap bounds the work per message.
 */
export const MAX_CLASSIFIED_CHARS = 4_000;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The route a learned scorer ranks first ('' when it knows nothing); scores are by rule index. */
function topOf(scores: Float64Array | undefined, rules: CompiledRule[]): string {
  let at = -1;
  let best = 0;
  if (scores)
    for (let r = 0; r < scores.length; r++)
      if ((scores[r] as number) > best) [at, best] = [r, scores[r] as number];
  return at < 0 ? '' : (rules[at] as CompiledRule).id;
}

/**
 * Best score first, ties in their order (what a stable sort by score gives). An insertion sort: a
 * message has a candidate per route (a few dozen), and it calls no comparator per step.
 */
function sortByScore<T extends { score: number }>(items: T[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    for (; j >= 0 && (items[j] as T).score < item.score; j--) items[j + 1] = items[j] as T;
    items[j + 1] = item;
  }
}

/** What signalScore gives a rule none of whose signals can fire (see rulesInPlay). */
const NO_SIGNAL = { score: 0, positive: false } as const;

interface Ranked {
  rule: CompiledRule;
  score: number;
  positive: boolean;
  confidence: number;
}

/**
 * A route's signals. When the message has a separate ask sentence, a positive signal that rests on
 * the background alone counts `backgroundWeight` times (the ask says where it goes).
 */
function signalScore(
  rule: CompiledRule,
  hits: TermHits,
  backgroundWeight: number,
): { score: number; positive: boolean } {
  let score = 0;
  let positive = false;
  for (const signal of rule.signals) {
    if (!signalFires(signal, hits)) continue;
    score +=
      signal.weight > 0 && backgroundWeight !== 1 && !signalInAsk(signal, hits)
        ? signal.weight * backgroundWeight
        : signal.weight;
    if (signal.weight > 0) positive = true;
  }
  return { score, positive };
}

/** What made the best route win, in words: computed for the winner only. */
function evidenceFor(
  rule: CompiledRule,
  hits: TermHits,
  similarity: number,
  facts: { compiled: Compiled; reading: FactReading },
): string[] {
  const evidence = rule.signals
    .filter((s) => s.weight > 0 && signalFires(s, hits))
    .map((s) => describe(s, hits));
  // The signals' reasons first (the evidence line shows the first); the facts stated after them.
  evidence.push(...statedLabels(rule, facts.compiled.facts, facts.reading));
  if (similarity >= SIMILAR_EVIDENCE)
    evidence.push(`close to the rule's examples (${Math.round(similarity * 100)}%)`);
  return evidence.slice(0, 4);
}

function isOnTopic(phraseHits: Map<number, Hit>, compiled: Compiled): boolean {
  for (const [id, hit] of phraseHits) if (hit === 'positive' && compiled.domainPhrases.has(id)) return true;
  return false;
}

/** The answer with what calibration works from: the best route's softmax share and its margin. */
export interface DetailedClassification {
  classification: Classification;
  /** What the confidence was calibrated from. */
  features: CalibrationInput;
}

export function classify(text: string, rules: RuleSet): Classification {
  return classifyDetailed(text, rules).classification;
}

export function classifyDetailed(text: string, rules: RuleSet): DetailedClassification {
  const compiled = rules.compiled as Compiled;
  const settings = rules.file.classifier;
  const tokens = textStems(text.slice(0, MAX_CLASSIFIED_CHARS), compiled, settings.askWeight);
  const separateAsk = tokens.askStart > 0 || tokens.askEnd < tokens.stems.length;
  const inAsk = separateAsk ? new Set<number>() : undefined;
  const phraseHits = findPhrases(tokens, compiled, inAsk);
  const hits = new TermHits(phraseHits, compiled, inAsk);
  const inPlay = rulesInPlay(hits, compiled);
  const reading = readFacts(compiled.facts, hits);
  const knownStems = compiled.similarity.known(tokens.content, tokens.contentWeights);
  const similar = compiled.similarity.scores(knownStems);
  const bayes = settings.bayesWeight > 0 ? compiled.similarity.bayes(knownStems) : undefined;
  // Naive Bayes always names some route; its say grows with the words it actually knows.
  const known = knownStems.ids.length;
  const knownShare = Math.min(1, known / BAYES_FULL_WEIGHT_AT);
  const bayesWeight = settings.bayesWeight * knownShare;
  const ngrams =
    settings.ngramWeight > 0 && known > 0
      ? compiled.ngrams.posterior(tokens.content, tokens.contentWeights)
      : undefined;
  // The learned scorers' arrays are indexed like compiled.rules (compileRules checks it).
  const learned = (r: number) =>
    settings.similarityWeight * (similar?.[r] ?? 0) +
    bayesWeight * (bayes?.[r] ?? 0) +
    settings.ngramWeight * knownShare * (ngrams?.[r] ?? 0);

  let unknownScore = settings.unknownScore;
  let signalled = false;
  let smallTalk = false;
  const candidates: Array<{ rule: CompiledRule; score: number; positive: boolean }> = [];
  // Which route the signals alone and the examples alone would pick: agreement is worth confidence.
  let bySignals: { id: string; score: number } = { id: '', score: -Infinity };
  let byExamples: { id: string; score: number } = { id: '', score: -Infinity };
  for (let r = 0; r < compiled.rules.length; r++) {
    const rule = compiled.rules[r] as CompiledRule;
    const { score, positive } = inPlay[r] ? signalScore(rule, hits, settings.backgroundWeight) : NO_SIGNAL;
    if (rule.id === UNKNOWN_ROUTE) {
      smallTalk = positive;
      unknownScore += settings.signalWeight * score + learned(r);
      continue;
    }
    signalled ||= positive;
    const fromExamples = learned(r);
    if (score > bySignals.score) bySignals = { id: rule.id, score };
    if (fromExamples > byExamples.score) byExamples = { id: rule.id, score: fromExamples };
    const total =
      settings.signalWeight * score + fromExamples + settings.factWeight * factScore(rule, reading);
    if (total > 0) candidates.push({ rule, score: total, positive });
  }
  sortByScore(candidates);

  // Softmax over the routes with any support, plus the "nothing fits" option.
  const t = settings.temperature;
  const top = Math.max(unknownScore, candidates[0]?.score ?? -Infinity);
  let mass = Math.exp((unknownScore - top) / t);
  for (const c of candidates) mass += Math.exp((c.score - top) / t);
  // The fields named, not spread: a spread object is built slowly, the named one by its shape.
  const ranked: Ranked[] = candidates.slice(0, 4).map(({ rule, score, positive }) => ({
    rule,
    score,
    positive,
    confidence: Math.exp((score - top) / t) / mass,
  }));
  const alternative = (r: Ranked) => ({ route: r.rule.id, confidence: round(r.confidence) });

  const best = ranked[0];
  if (best && best.confidence >= settings.threshold && best.score > unknownScore) {
    const close = ranked.filter((r) => r.confidence >= QUESTION_RUNNER_UP * best.confidence);
    const question = questionFor(
      candidates.map((c) => c.rule),
      close.map((r) => r.rule),
      compiled.facts,
      reading,
    );
    const features: CalibrationInput = {
      share: best.confidence,
      margin: best.confidence - (ranked[1]?.confidence ?? 0),
      agree: bySignals.id === best.rule.id && byExamples.id === best.rule.id,
      signalled: candidates[0]?.positive ?? false,
      words: tokens.content.length,
      // Each view on its own: the signals, nearest example, word Bayes and n-gram Bayes.
      votes: [
        bySignals.id,
        topOf(similar, compiled.rules),
        topOf(bayes, compiled.rules),
        topOf(ngrams, compiled.rules),
      ].filter((id) => id === best.rule.id).length,
      contradicted: factScore(best.rule, reading) < 0,
    };
    const calibrated = calibrate(settings.calibration, features);
    const classification: Classification = {
      route: best.rule.id,
      // While a question is open the answer is not yet the answer: below the high band.
      confidence: round(question ? Math.min(QUESTION_CAP, calibrated) : calibrated),
      alternatives: ranked.slice(1, 4).map(alternative),
      evidence: evidenceFor(best.rule, hits, similar?.[compiled.rules.indexOf(best.rule)] ?? 0, {
        compiled,
        reading,
      }),
      ...(question ? { question } : {}),
    };
    return { classification, features };
  }
  const cap = signalled
    ? UNKNOWN_CAP_SIGNALLED
    : !smallTalk && isOnTopic(phraseHits, compiled)
      ? UNKNOWN_CAP_ON_TOPIC
      : UNKNOWN_CAP_OFF_TOPIC;
  const confidence = Math.min(cap, 1 - (best?.confidence ?? 0));
  const classification: Classification = {
    route: UNKNOWN_ROUTE,
    confidence: round(confidence),
    alternatives: ranked.slice(0, 3).map(alternative),
    evidence: best
      ? [`no route is clear enough; closest: ${best.rule.id}`]
      : ['nothing in the text matches a route'],
  };
  return {
    classification,
    features: {
      share: confidence,
      margin: confidence,
      agree: false,
      signalled,
      words: tokens.content.length,
      votes: 0,
      contradicted: false,
    },
  };
}
