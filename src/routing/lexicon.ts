// Stemming and typo repair. Stems let "licenses", "licensing" and "license" meet; typo repair lets
// "licnese" and "exted" meet the words the rules know, without a dictionary download.
import { stem as stemWord } from 'porter2';

import { BOUNDARY } from './normalize';

/**
 * Memo caches hold at most this many entries, and only words up to MEMO_KEY_MAX characters: no real
 * word is longer, and a flood of long made-up words must not keep megabytes alive.
 */
const MEMO_ENTRIES = 50_000;
const MEMO_KEY_MAX = 40;

/** A memo with bounded entries and key length; when full it starts again (cheap, and still bounded). */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  get(key: string): V | undefined {
    return key.length > MEMO_KEY_MAX ? undefined : this.map.get(key);
  }

  set(key: string, value: V): void {
    if (key.length > MEMO_KEY_MAX) return;
    if (this.map.size >= MEMO_ENTRIES) this.map.clear();
    this.map.set(key, value);
  }
}

const stemCache = new BoundedMemo<string>();

export function stem(word: string): string {
  if (word === BOUNDARY) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stemWord(word);
    stemCache.set(word, s);
  }
  return s;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The words the rules know. A typo is looked up by generating its one-edit variants (deletions,
 * swaps of neighbours, replacements, insertions) and keeping the known ones, memoised. A candidate
 * is only built when the text before the edit starts a known word and the text after it ends one
 * (the prefix and suffix sets), so a made-up word costs a few lookups, not 54 strings per letter:
 * the same answers, with work that stays small.
 */
/** What a Lexicon knows, as plain data: what a rules snapshot stores so a restart need not stem. */
export interface LexiconModel {
  words: Set<string>;
  stems: Set<string>;
  minLength: number;
  maxRepairable: number;
}

export class Lexicon {
  private readonly words: Set<string>;
  private readonly stems: Set<string>;
  /**
   * Every prefix and every suffix of every word a typo may stand for ("" included); built by the
   * first repair, so loading the rules does not pay for them.
   */
  private prefixes = new Set<string>();
  private suffixes = new Set<string>();
  private readonly repairs = new BoundedMemo<string | null>();
  /** A message's token -> its word after repair and that word's stem (see read). */
  private readonly readings = new BoundedMemo<readonly [word: string, stem: string]>();
  /** One edit cannot turn a word longer than this into a known word, so longer words skip repair. */
  private readonly maxRepairable: number;
  private readonly minLength: number;

  /** From the words the rules use, or from the model of a Lexicon built before. */
  constructor(source: Iterable<string> | LexiconModel, minLength = 5) {
    if ('maxRepairable' in source) {
      ({ words: this.words, stems: this.stems, minLength: this.minLength } = source);
      this.maxRepairable = source.maxRepairable;
      return;
    }
    this.words = new Set();
    this.stems = new Set();
    this.minLength = minLength;
    let longest = 0;
    for (const w of source) {
      this.words.add(w);
      this.stems.add(stem(w));
      if (w.length > longest) longest = w.length;
    }
    this.maxRepairable = longest + 1;
  }

  /** What it knows, for a rules snapshot (the sets themselves: a Lexicon never changes them). */
  get model(): LexiconModel {
    const { words, stems, minLength, maxRepairable } = this;
    return { words, stems, minLength, maxRepairable };
  }

  private buildAffixes(): void {
    this.prefixes = new Set(['']);
    this.suffixes = new Set(['']);
    for (const w of this.words) {
      if (!this.isTarget(w)) continue;
      for (let i = 1; i <= w.length; i++) {
        this.prefixes.add(w.slice(0, i));
        this.suffixes.add(w.slice(-i));
      }
    }
  }

  /** Could `candidate` be what a typo stands for? Short words and words with digits are not. */
  private isTarget(candidate: string): boolean {
    return candidate.length >= this.minLength - 1 && this.words.has(candidate) && !/\d/.test(candidate);
  }

  /**
   * A token as the classifier reads it: the word after typo repair, and its stem. Remembered per
   * token, so a word seen before costs one look-up instead of a repair check and two stem look-ups.
   */
  read(token: string): readonly [word: string, stem: string] {
    const remembered = this.readings.get(token);
    if (remembered) return remembered;
    const word = this.repair(token) ?? token;
    const reading = [word, stem(word)] as const;
    this.readings.set(token, reading);
    return reading;
  }

  /**
   * The known word a typo most likely stands for, or null. Results are memoised. Words longer than
   * any known word + 1 are no typo of one, and are skipped before any work.
   */
  repair(word: string): string | null {
    if (word.length < this.minLength || word.length > this.maxRepairable) return null;
    if (this.words.has(word) || /\d/.test(word)) return null;
    if (this.stems.has(stem(word))) return null;
    const cached = this.repairs.get(word);
    if (cached !== undefined) return cached;
    if (this.prefixes.size === 0) this.buildAffixes();
    // Every candidate is one edit away; the alphabetically first wins, so the answer is stable.
    let best: string | null = null;
    const consider = (candidate: string) => {
      if ((best === null || candidate < best) && this.isTarget(candidate)) best = candidate;
    };
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      // Every candidate below starts with `head`; once no known word does, no later edit can help.
      if (!this.prefixes.has(head)) break;
      const tail = word.slice(i);
      // A candidate also ends with what follows the edit: it must end some known word.
      const afterEdit = tail.length > 0 && this.suffixes.has(tail.slice(1));
      const afterInsert = this.suffixes.has(tail);
      if (afterEdit) consider(head + tail.slice(1));
      if (tail.length > 1 && this.suffixes.has(tail.slice(2)))
        consider(head + tail[1] + tail[0] + tail.slice(2));
      if (!afterEdit && !afterInsert) continue;
      for (const letter of ALPHABET) {
        const grown = head + letter;
        if (!this.prefixes.has(grown)) continue;
        if (afterEdit) consider(grown + tail.slice(1));
        if (afterInsert) consider(grown + tail);
      }
    }
    this.repairs.set(word, best);
    return best;
  }
}
