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
import { stem } from './lexicon';
import { BOUNDARY, normalizeSlackText, tokenize } from './normalize';
import { isStopword } from './similarity';

/** How many tokens after "not"/"no"/"never" are negated (until the clause ends). */
const NEGATION_REACH = 3;

export type Hit = 'positive' | 'negated';

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

export function findPhrases(tokens: TextTokens, compiled: Compiled): Map<number, Hit> {
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
export class TermHits {
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

export function signalFires(signal: CompiledSignal, hits: TermHits): boolean {
  if (signal.any && !signal.any.some((t) => hits.has(t))) return false;
  if (signal.all && !signal.all.every((t) => hits.has(t))) return false;
  if (signal.none?.some((t) => hits.has(t))) return false;
  return true;
}

export function describe(signal: CompiledSignal, hits: TermHits): string {
  if (signal.why) return signal.why;
  const terms = [...(signal.all ?? []), ...(signal.any ?? []).filter((t) => hits.has(t))];
  return terms.map((t) => `“${termLabel(t)}”`).join(' + ');
}
