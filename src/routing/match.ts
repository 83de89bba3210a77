// Finding a rules file's phrases in a message: tokens and stems, typo repair, negation scope,
// gaps and exact words, and which signals fire. Pure and allocation-light: it runs per message.
import {
  type Compiled,
  type CompiledSignal,
  type CompiledTerm,
  EXACT,
  GAP,
  MAX_GAP,
  termLabel,
} from './compile';
import { BOUNDARY, normalizeSlackText, tokenize } from './normalize';
import { isStopword } from './similarity';
import { askSpan, denialMask } from './structure';

/** How many tokens after "not"/"no"/"never" are negated (until the clause ends). */
const NEGATION_REACH = 3;

export type Hit = 'positive' | 'negated';

/** Stems of a message (typos repaired, clause boundaries kept) and the content stems used for similarity. */
export interface TextTokens {
  /** Words after typo repair; clause boundaries kept. */
  words: string[];
  /** The stems of `words`, position by position. */
  stems: string[];
  /** Which positions are inside a negation's reach ("not an *incident*"). */
  negated: boolean[];
  /** Stems of the content words that are not negated, for the learned scorers. */
  content: string[];
  /** Per content stem: 1, or the ask weight when it is in the ask sentence. */
  contentWeights: number[];
  /** Token positions [askStart, askEnd) of the sentence that asks for something. */
  askStart: number;
  askEnd: number;
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

export function textStems(text: string, compiled: Compiled, askWeight = 1): TextTokens {
  const words: string[] = [];
  const stems: string[] = [];
  const normalized = normalizeSlackText(text);
  const [askFrom, askTo] = askWeight > 1 ? askSpan(normalized) : [0, normalized.length];
  let askStart = 0;
  let askEnd: number;
  const add = (part: string) => {
    for (const token of tokenize(part)) {
      if (token === BOUNDARY) {
        words.push(token);
        stems.push(token);
        continue;
      }
      const [word, stemmed] = compiled.lexicon.read(token);
      words.push(word);
      stems.push(stemmed);
    }
  };
  if (askFrom === 0 && askTo === normalized.length) {
    add(normalized);
    askEnd = stems.length;
  } else {
    add(normalized.slice(0, askFrom));
    words.push(BOUNDARY);
    stems.push(BOUNDARY);
    askStart = stems.length;
    add(normalized.slice(askFrom, askTo));
    askEnd = stems.length;
    words.push(BOUNDARY);
    stems.push(BOUNDARY);
    add(normalized.slice(askTo));
  }
  const denied = denialMask(words, stems, compiled.negations);
  // A phrase is negated within three tokens of a negation, or anywhere a denial reaches.
  const negated = negationMask(stems, compiled.negations);
  for (let i = 0; i < negated.length; i++) if (denied[i]) negated[i] = true;
  const content: string[] = [];
  const contentWeights: number[] = [];
  const whole = askStart === 0 && askEnd === stems.length;
  for (let i = 0; i < stems.length; i++) {
    const word = words[i] as string;
    if (word === BOUNDARY || denied[i] || isStopword(word)) continue;
    content.push(stems[i] as string);
    contentWeights.push(!whole && i >= askStart && i < askEnd ? askWeight : 1);
  }
  return { words, stems, negated, content, contentWeights, askStart, askEnd };
}

/** Is `want` (a phrase element) the token at `pos`? Stems compare to stems, "=word" to exact words. */
function elementAt(words: string[], stems: string[], pos: number, want: string): boolean {
  if (want.charCodeAt(0) !== EXACT_CODE) return stems[pos] === want;
  // words[pos] === want.slice(1), without building the slice.
  const word = words[pos];
  return word !== undefined && word.length === want.length - 1 && want.startsWith(word, 1);
}

const EXACT_CODE = EXACT.charCodeAt(0);

/** Does the phrase match at `start`? */
function matchAt({ words, stems }: TextTokens, start: number, phrase: string[]): boolean {
  let pos = start;
  for (let k = 0; k < phrase.length; k++) {
    const want = phrase[k] as string;
    if (want === GAP) {
      const next = phrase[k + 1] as string;
      let found = -1;
      for (let j = pos; j <= pos + MAX_GAP && j < stems.length && stems[j] !== BOUNDARY; j++)
        if (elementAt(words, stems, j, next)) {
          found = j;
          break;
        }
      if (found < 0) return false;
      pos = found + 1;
      k++;
      continue;
    }
    if (!elementAt(words, stems, pos, want)) return false;
    pos++;
  }
  return true;
}

export function findPhrases(tokens: TextTokens, compiled: Compiled, inAsk?: Set<number>): Map<number, Hit> {
  const negated = tokens.negated;
  const hits = new Map<number, Hit>();
  const tryAt = (i: number, ids: number[] | undefined) => {
    if (!ids) return;
    for (let n = 0; n < ids.length; n++) {
      const id = ids[n] as number;
      const known = hits.get(id);
      // A phrase already found is looked for again only inside the ask, until it is found there.
      if (known === 'positive' && (!inAsk || inAsk.has(id) || i < tokens.askStart || i >= tokens.askEnd))
        continue;
      if (!matchAt(tokens, i, compiled.phrases[id] as string[])) continue;
      if (!negated[i]) {
        hits.set(id, 'positive');
        if (inAsk && i >= tokens.askStart && i < tokens.askEnd) inAsk.add(id);
      } else if (!known) hits.set(id, 'negated');
    }
  };
  const { stems, words } = tokens;
  for (let i = 0; i < stems.length; i++) {
    const start = compiled.byFirstStem.get(stems[i] as string);
    if (start) {
      tryAt(i, start.others);
      if (i + 1 < stems.length) tryAt(i, start.bySecond.get(stems[i + 1] as string));
    }
    tryAt(i, compiled.byFirstWord.get(words[i] as string));
  }
  return hits;
}

/** TermHits' arrays for one compiled rule set, reused from message to message. */
interface TermScratch {
  present: Uint8Array;
  asked: Uint8Array;
  /** The terms the last message marked, so that the next one clears just those. */
  marked: number[];
}

const termScratch = new WeakMap<Compiled, TermScratch>();

/** The scratch arrays for these rules, cleared of what the last message marked. */
function clearedScratch(compiled: Compiled): TermScratch {
  let scratch = termScratch.get(compiled);
  if (!scratch) {
    const size = compiled.termCount;
    scratch = { present: new Uint8Array(size), asked: new Uint8Array(size), marked: [] };
    termScratch.set(compiled, scratch);
  }
  const { present, asked, marked } = scratch;
  for (let n = 0; n < marked.length; n++) present[marked[n] as number] = asked[marked[n] as number] = 0;
  marked.length = 0;
  return scratch;
}

/**
 * Which terms a message contains: each phrase marks every term it belongs to, positive or negated.
 * Its arrays are shared by every message classified with the same rules (two arrays of a few
 * thousand bytes each are not allocated per message), so a TermHits holds only until the next one
 * is made for those rules: classify makes one and is done with it before it returns.
 */
export class TermHits {
  /** Per term: 1 when a phrase of it occurs (not negated), 2 when only negated occurrences do. */
  private readonly present: Uint8Array;
  /** Per term: 1 when it occurs (not negated) in the ask sentence. */
  private readonly asked: Uint8Array | undefined;
  /** The terms that occur (not negated), each once. */
  readonly positive: number[] = [];

  constructor(hits: Map<number, Hit>, compiled: Compiled, inAsk?: Set<number>) {
    const scratch = clearedScratch(compiled);
    const { present, marked } = scratch;
    this.present = present;
    this.asked = inAsk ? scratch.asked : undefined;
    for (const [id, hit] of hits)
      for (const term of compiled.termsByPhrase[id] ?? []) {
        if (present[term] === 0) marked.push(term);
        if (hit !== 'positive') {
          if (present[term] === 0) present[term] = 2;
        } else if (present[term] !== 1) {
          present[term] = 1;
          this.positive.push(term);
        }
      }
    // A phrase in the ask occurs positively, so its terms are marked above.
    if (this.asked)
      for (const id of inAsk ?? []) for (const term of compiled.termsByPhrase[id] ?? []) this.asked[term] = 1;
  }

  /** False only when the message has a separate ask sentence and the term is not in it. */
  inAsk(term: CompiledTerm): boolean {
    return !this.asked || this.asked[term.index] === 1;
  }

  has(term: CompiledTerm): boolean {
    return this.present[term.index] === 1;
  }

  /** Only negated occurrences: "not an incident". */
  hasNegated(term: CompiledTerm): boolean {
    return this.present[term.index] === 2;
  }
}

/**
 * Per rule (by index): 1 when a term its signals need occurs, so that one of them may fire. The
 * others' signals cannot fire (each needs an "any" or "all" term) and need not be checked.
 */
export function rulesInPlay(hits: TermHits, compiled: Compiled): Uint8Array {
  const inPlay = new Uint8Array(compiled.rules.length);
  for (const term of hits.positive) for (const r of compiled.rulesByTerm[term] ?? []) inPlay[r] = 1;
  return inPlay;
}

/** Does a firing signal rest on the ask (any of its terms there), or on the background alone? */
export function signalInAsk(signal: CompiledSignal, hits: TermHits): boolean {
  for (const t of signal.all ?? []) if (hits.inAsk(t)) return true;
  for (const t of signal.any ?? []) if (hits.has(t) && hits.inAsk(t)) return true;
  return false;
}

/** Any of them present? (Plain loops: this runs for every signal of every rule, per message.) */
function anyPresent(terms: CompiledTerm[], hits: TermHits): boolean {
  for (let i = 0; i < terms.length; i++) if (hits.has(terms[i] as CompiledTerm)) return true;
  return false;
}

export function signalFires(signal: CompiledSignal, hits: TermHits): boolean {
  const { any, all, none } = signal;
  if (any && !anyPresent(any, hits)) return false;
  if (all) for (let i = 0; i < all.length; i++) if (!hits.has(all[i] as CompiledTerm)) return false;
  if (none && anyPresent(none, hits)) return false;
  return true;
}

export function describe(signal: CompiledSignal, hits: TermHits): string {
  if (signal.why) return signal.why;
  const terms = [...(signal.all ?? []), ...(signal.any ?? []).filter((t) => hits.has(t))];
  return terms.map((t) => `“${termLabel(t)}”`).join(' + ');
}
