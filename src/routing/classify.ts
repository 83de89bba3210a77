// The classifier: a pure function from text to route. Scores add up the rules' weighted signals
// (phrases and concepts, negation-aware) and a similarity to the rules' examples; a softmax with a
// "nothing fits" option turns scores into confidences, and low confidence answers "unknown".
import { type Compiled, type CompiledSignal, type CompiledTerm, EXACT, GAP, MAX_GAP } from './compile';
import { stem } from './lexicon';
import { BOUNDARY, normalizeSlackText, tokenize } from './normalize';
import { isStopword } from './similarity';
import { type Classification, type RuleSet, UNKNOWN_ROUTE } from './types';

/** How many tokens after "not"/"no"/"never" are negated (until the clause ends). */
const NEGATION_REACH = 3;
/**
 * How sure "unknown" may be: not very when some route's signal fired, a little more when the text
 * only uses the handbook's vocabulary, and quite sure when it is small talk or off-topic.
 */
const UNKNOWN_CAP_SIGNALLED = 0.6;
const UNKNOWN_CAP_ON_TOPIC = 0.7;
const UNKNOWN_CAP_OFF_TOPIC = 0.95;
/** Naive Bayes gets its full weight once a message has this many words the examples know. */
const BAYES_FULL_WEIGHT_AT = 3;

type Hit = 'positive' | 'negated';

/** Stems of a message (typos repaired, clause boundaries kept) and the content stems used for similarity. */
export interface TextTokens {
  /** Words after typo repair; clause boundaries kept. */
  words: string[];
  /** The stems of `words`, position by position. */
  stems: string[];
  /** Stems of the content words, for the similarity scorer. */
  content: string[];
}

export function textStems(text: string, compiled: Compiled): TextTokens {
  const words: string[] = [];
  const stems: string[] = [];
  const content: string[] = [];
  for (const token of tokenize(normalizeSlackText(text))) {
    const word = token === BOUNDARY ? token : (compiled.lexicon.repair(token) ?? token);
    const s = stem(word);
    words.push(word);
    stems.push(s);
    if (token !== BOUNDARY && !isStopword(word)) content.push(s);
  }
  return { words, stems, content };
}

function negationMask(stems: string[], negations: Set<string>): boolean[] {
  const mask = new Array<boolean>(stems.length).fill(false);
  stems.forEach((s, i) => {
    if (!negations.has(s)) return;
    for (let j = i + 1; j <= i + NEGATION_REACH && j < stems.length && stems[j] !== BOUNDARY; j++)
      mask[j] = true;
  });
  return mask;
}

/** Does the phrase match at `start`? Stems compare to stems, "=word" elements to exact words. */
function matchAt({ words, stems }: TextTokens, start: number, phrase: string[]): boolean {
  const at = (pos: number, want: string) =>
    want.startsWith(EXACT) ? words[pos] === want.slice(1) : stems[pos] === want;
  let pos = start;
  for (let k = 0; k < phrase.length; k++) {
    const want = phrase[k];
    if (want === GAP) {
      const next = phrase[k + 1] as string;
      let found = -1;
      for (let j = pos; j <= pos + MAX_GAP && j < stems.length && stems[j] !== BOUNDARY; j++)
        if (at(j, next)) {
          found = j;
          break;
        }
      if (found < 0) return false;
      pos = found + 1;
      k++;
      continue;
    }
    if (!at(pos, want as string)) return false;
    pos++;
  }
  return true;
}

function findPhrases(tokens: TextTokens, compiled: Compiled): Map<number, Hit> {
  const negated = negationMask(tokens.stems, compiled.negations);
  const hits = new Map<number, Hit>();
  const tryAt = (i: number, ids: number[] | undefined) => {
    for (const id of ids ?? []) {
      if (hits.get(id) === 'positive' || !matchAt(tokens, i, compiled.phrases[id] as string[])) continue;
      hits.set(id, negated[i] ? 'negated' : 'positive');
    }
  };
  tokens.stems.forEach((s, i) => {
    tryAt(i, compiled.byFirstStem.get(s));
    tryAt(i, compiled.byFirstStem.get(EXACT + tokens.words[i]));
  });
  return hits;
}

/** Which terms a message contains: each positive phrase marks every term it belongs to. */
class TermHits {
  private readonly present: Uint8Array;

  constructor(hits: Map<number, Hit>, compiled: Compiled) {
    this.present = new Uint8Array(compiled.termCount);
    for (const [id, hit] of hits)
      if (hit === 'positive') for (const term of compiled.termsByPhrase[id] ?? []) this.present[term] = 1;
  }

  has(term: CompiledTerm): boolean {
    return this.present[term.index] === 1;
  }
}

function signalFires(signal: CompiledSignal, hits: TermHits): boolean {
  if (signal.any && !signal.any.some((t) => hits.has(t))) return false;
  if (signal.all && !signal.all.every((t) => hits.has(t))) return false;
  if (signal.none?.some((t) => hits.has(t))) return false;
  return true;
}

function describe(signal: CompiledSignal, hits: TermHits): string {
  if (signal.why) return signal.why;
  const terms = [...(signal.all ?? []), ...(signal.any ?? []).filter((t) => hits.has(t))];
  return terms.map((t) => `“${t.label}”`).join(' + ');
}

interface Scored {
  route: string;
  score: number;
  evidence: string[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function classify(text: string, rules: RuleSet): Classification {
  const compiled = rules.compiled as Compiled;
  const settings = rules.file.classifier;
  const tokens = textStems(text, compiled);
  const { content } = tokens;
  const phraseHits = findPhrases(tokens, compiled);
  const hits = new TermHits(phraseHits, compiled);
  const similar = compiled.similarity.scores(content);
  const bayes = settings.bayesWeight > 0 ? compiled.similarity.bayes(content) : undefined;
  // Naive Bayes always names some route; its say grows with the words it actually knows.
  const bayesWeight = settings.bayesWeight * Math.min(1, compiled.similarity.knownCount(content) / BAYES_FULL_WEIGHT_AT);
  const learned = (route: string) =>
    settings.similarityWeight * (similar.get(route) ?? 0) + bayesWeight * (bayes?.get(route) ?? 0);

  let unknownScore = settings.unknownScore;
  let signalled = false;
  let smallTalk = false;
  const scored: Scored[] = [];
  for (const rule of compiled.rules) {
    let score = 0;
    const evidence: string[] = [];
    for (const signal of rule.signals) {
      if (!signalFires(signal, hits)) continue;
      score += signal.weight;
      if (signal.weight > 0) evidence.push(describe(signal, hits));
      if (signal.weight > 0 && rule.id !== UNKNOWN_ROUTE) signalled = true;
    }
    if (rule.id === UNKNOWN_ROUTE) {
      smallTalk = score > 0;
      unknownScore += score + learned(rule.id);
      continue;
    }
    const sim = similar.get(rule.id) ?? 0;
    score += learned(rule.id);
    if (sim >= 0.35) evidence.push(`close to the rule's examples (${Math.round(sim * 100)}%)`);
    if (score > 0) scored.push({ route: rule.id, score, evidence });
  }
  scored.sort((a, b) => b.score - a.score);

  // Softmax over the routes with any support, plus the "nothing fits" option.
  const t = settings.temperature;
  const top = Math.max(unknownScore, scored[0]?.score ?? -Infinity);
  const unknownMass = Math.exp((unknownScore - top) / t);
  const masses = scored.map((s) => Math.exp((s.score - top) / t));
  const total = unknownMass + masses.reduce((a, b) => a + b, 0);
  const ranked = scored.map((s, i) => ({ ...s, confidence: (masses[i] as number) / total }));

  const best = ranked[0];
  if (best && best.confidence >= settings.threshold && best.score > unknownScore) {
    return {
      route: best.route,
      confidence: round(best.confidence),
      alternatives: ranked.slice(1, 4).map((r) => ({ route: r.route, confidence: round(r.confidence) })),
      evidence: best.evidence.slice(0, 4),
    };
  }
  const cap = signalled
    ? UNKNOWN_CAP_SIGNALLED
    : !smallTalk && [...phraseHits].some(([id, hit]) => hit === 'positive' && compiled.domainPhrases.has(id))
      ? UNKNOWN_CAP_ON_TOPIC
      : UNKNOWN_CAP_OFF_TOPIC;
  return {
    route: UNKNOWN_ROUTE,
    confidence: round(Math.min(cap, 1 - (best?.confidence ?? 0))),
    alternatives: ranked.slice(0, 3).map((r) => ({ route: r.route, confidence: round(r.confidence) })),
    evidence: best
      ? [`no route is clear enough; closest: ${best.route}`]
      : ['nothing in the text matches a route'],
  };
}
