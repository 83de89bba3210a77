// Stemming and typo repair. Stems let "licenses", "licensing" and "license" meet; typo repair lets
// "licnese" and "exted" meet the words the rules know, without a dictionary download.
import { stem as stemWord } from 'porter2';

import { BOUNDARY } from './normalize';

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  if (word === BOUNDARY) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stemWord(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The words the rules know. A typo is looked up by generating its one-edit variants (deletions,
 * swaps of neighbours, replacements, insertions) and keeping the known ones: nothing to index at
 * load, a few hundred set lookups the first time a word is seen, memoised after that.
 */
export class Lexicon {
  private readonly words = new Set<string>();
  private readonly stems = new Set<string>();
  private readonly repairs = new Map<string, string | null>();

  constructor(
    words: Iterable<string>,
    private readonly minLength = 5,
  ) {
    for (const w of words) {
      this.words.add(w);
      this.stems.add(stem(w));
    }
  }

  /** Could `candidate` be what a typo stands for? Short words and words with digits are not. */
  private isTarget(candidate: string): boolean {
    return candidate.length >= this.minLength - 1 && this.words.has(candidate) && !/\d/.test(candidate);
  }

  /** The known word a typo most likely stands for, or null. Results are memoised. */
  repair(word: string): string | null {
    if (word.length < this.minLength || this.words.has(word) || /\d/.test(word)) return null;
    if (this.stems.has(stem(word))) return null;
    const cached = this.repairs.get(word);
    if (cached !== undefined) return cached;
    // Every candidate is one edit away; the alphabetically first wins, so the answer is stable.
    let best: string | null = null;
    const consider = (candidate: string) => {
      if ((best === null || candidate < best) && this.isTarget(candidate)) best = candidate;
    };
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail[1] + tail[0] + tail.slice(2));
      for (const letter of ALPHABET) {
        if (tail) consider(head + letter + tail.slice(1));
        consider(head + letter + tail);
      }
    }
    if (this.repairs.size < 50_000) this.repairs.set(word, best);
    return best;
  }
}
