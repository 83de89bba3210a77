// Stemming and typo repair. Stems let "licenses", "licensing" and "license" meet; the typo
// index lets "licnese" and "exted" meet the words the rules know, without a dictionary download.
import { distance } from 'fastest-levenshtein';
import stemWord from 'wink-porter2-stemmer';

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

/** The words the rules know, with a one-deletion index for typo lookups (symmetric delete). */
export class Lexicon {
  private readonly words = new Set<string>();
  private readonly stems = new Set<string>();
  private readonly deletions = new Map<string, string[]>();
  private readonly repairs = new Map<string, string | null>();

  constructor(
    words: Iterable<string>,
    private readonly minLength = 5,
  ) {
    for (const w of words) this.add(w);
  }

  private add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    this.stems.add(stem(word));
    if (word.length < this.minLength - 1 || /\d/.test(word)) return;
    this.index(word, word);
    for (let i = 0; i < word.length; i++) this.index(word.slice(0, i) + word.slice(i + 1), word);
  }

  private index(variant: string, word: string): void {
    const list = this.deletions.get(variant);
    if (list) list.push(word);
    else this.deletions.set(variant, [word]);
  }

  /** The known word a typo most likely stands for, or null. Results are memoised. */
  repair(word: string): string | null {
    if (word.length < this.minLength || this.words.has(word) || /\d/.test(word)) return null;
    if (this.stems.has(stem(word))) return null;
    const cached = this.repairs.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    let bestCost = Infinity;
    for (const variant of [word, ...oneDeletions(word)]) {
      for (const candidate of this.deletions.get(variant) ?? []) {
        const cost = editCost(word, candidate);
        if (cost < bestCost || (cost === bestCost && best !== null && candidate < best)) {
          best = candidate;
          bestCost = cost;
        }
      }
    }
    const result = bestCost <= 1 ? best : null;
    if (this.repairs.size < 50_000) this.repairs.set(word, result);
    return result;
  }
}

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Levenshtein distance, except that one swap of neighbouring letters also costs 1. */
function editCost(a: string, b: string): number {
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    const [i, j] = diff;
    if (diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 1;
  }
  return distance(a, b);
}
