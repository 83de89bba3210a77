// The third learned scorer: a linear model over word 1-2-grams and character 3-5-grams of the stems,
// trained on the rules' examples when the rules load. Character n-grams let a word the examples never
// used ("subscriptions", "gitlabcom", "self-hosted") share evidence with the ones they did, and
// bigrams keep a little word order ("renewal quote" vs "quote").
//
// The model is multinomial naive Bayes over those n-grams (linear in log space). A logistic
// regression over the same features, trained by AdaGrad, was measured against it on the hard sets'
// studied parts and lost by 15-25 points of top-1 (about 25 examples per route are too few for it),
// and it cost 50-250 ms of load where counting costs a few. The maintained npm packages
// (ml-logistic-regression, ml-naivebayes) work on dense matrices, which for ~25,000 sparse features
// and 56 routes is minutes of training and hundreds of MB; so this is a small counting model, tested
// in ngrams.test.ts.
//
// Features are hashed (FNV-1a over the characters, no string built per n-gram), so a message costs
// a few hundred table look-ups. A feature stores a count only for the routes whose examples use it.
import { BoundedMemo } from './lexicon';

/** Character n-gram lengths taken inside each stem, padded as "<stem>". */
const CHAR_MIN = 3;
const CHAR_MAX = 5;
/** Hash table size for feature lookup (a power of two). */
const TABLE_BITS = 20;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function hashString(seed: number, text: string, from = 0, to = text.length): number {
  let h = seed;
  for (let i = from; i < to; i++) h = fnv(h, text.charCodeAt(i));
  return h;
}

/** Feature kinds start from different seeds, so a word and a character n-gram never collide by design. */
const WORD_SEED = hashString(FNV_OFFSET, 'w');
const PAIR_SEED = hashString(FNV_OFFSET, 'b');
const CHAR_SEED = hashString(FNV_OFFSET, 'c');
const PAD_START = 60; // "<"
const PAD_END = 62; // ">"

/** The hashes of a stem's own features: the stem, and the character n-grams of "<stem>". */
function stemHashes(s: string): number[] {
  const out = [hashString(WORD_SEED, s)];
  // Positions -1 and s.length stand for the padding.
  const last = s.length;
  for (let start = -1; start <= last + 1 - CHAR_MIN; start++) {
    let h = CHAR_SEED;
    for (let end = start; end <= last && end - start < CHAR_MAX; end++) {
      h = fnv(h, end < 0 ? PAD_START : end === last ? PAD_END : s.charCodeAt(end));
      if (end - start + 1 >= CHAR_MIN) out.push(h);
    }
  }
  return out;
}

/** A pair's hash starts from its first stem and a space; pairHash(a, b) continues it over b. */
const pairSeed = (a: string) => fnv(hashString(PAIR_SEED, a), 32);
const pairHash = (a: string, b: string) => hashString(pairSeed(a), b);

/** What the model remembers of a stem a message used (see NgramBayes.stemSlots). */
interface StemSlots {
  own: Int32Array;
  pairSeed: number;
}

/**
 * Calls `visit` with the hash of every feature of a list of stems and its weight: every stem, every
 * pair of neighbouring stems, and the character n-grams of each padded stem. A feature that occurs
 * twice is visited twice. No string is built: the hashes run over the stems' characters.
 */
export function visitFeatures(
  stems: readonly string[],
  weights: readonly number[] | undefined,
  visit: (hash: number, weight: number) => void,
): void {
  for (let k = 0; k < stems.length; k++) {
    const s = stems[k] as string;
    const weight = weights?.[k] ?? 1;
    for (const hash of stemHashes(s)) visit(hash, weight);
    if (k + 1 < stems.length) visit(pairHash(s, stems[k + 1] as string), weight);
  }
}

/**
 * The features as a vector: each hash once, with the largest weight among its occurrences, scaled to
 * unit length. (The model reads the same features through visitFeatures, without building a map.)
 */
export function hashedFeatures(stems: readonly string[], weights?: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  visitFeatures(stems, weights, (hash, weight) => {
    const seen = out.get(hash);
    if (seen === undefined || weight > seen) out.set(hash, weight);
  });
  let norm = 0;
  for (const v of out.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [h, v] of out) out.set(h, v / norm);
  return out;
}

/** Laplace smoothing of the n-gram counts: small, because most n-grams occur in one route only. */
export const NGRAM_SMOOTHING = 0.1;

/** An n-gram used by more routes' examples than this is not worth its cost per message. */
export const NGRAM_MAX_ROUTES = 30;

/** How sharp the posterior is, from the mean log-likelihood per n-gram (chosen on the studied sets). */
export const NGRAM_SHARPNESS = 5;

/** A trained n-gram model, as plain arrays: what a rules snapshot stores so a restart need not count. */
export interface NgramModel {
  routeIds: string[];
  /** Per feature slot: its hash table key, or -1 when it was dropped (too many routes use it). */
  slotKeys: Int32Array;
  start: Int32Array;
  routes: Int32Array;
  boosts: Float64Array;
  logUnseen: Float64Array;
}

type Documents = ReadonlyArray<{ route: string; stems: readonly string[] }>;

/** A copy twice as long. */
function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/** Trained by counting: each n-gram once per example, per route that uses it. */
export function trainNgrams(
  documents: Documents,
  smoothing = NGRAM_SMOOTHING,
  maxRoutes = NGRAM_MAX_ROUTES,
): NgramModel {
  const table = new Int32Array(1 << TABLE_BITS);
  const routeIndex = new Map<string, number>();
  for (const d of documents) if (!routeIndex.has(d.route)) routeIndex.set(d.route, routeIndex.size);
  const routeIds = [...routeIndex.keys()];
  const routeCount = routeIds.length;
  const logUnseen = new Float64Array(routeCount);

  // A route's examples one after the other, so a (slot, route) pair is counted in one place.
  const byRoute = [...documents].sort(
    (a, b) => (routeIndex.get(a.route) as number) - (routeIndex.get(b.route) as number),
  );
  // Per feature slot and per (slot, route) pair, in typed arrays that grow by doubling: training
  // runs once per start, before the JIT has warmed up, where plain array pushes cost the most.
  let slotDoc = new Int32Array(1 << 15);
  let slotKey = new Int32Array(1 << 15);
  let slotRoute = new Int32Array(1 << 15);
  let slotPair = new Int32Array(1 << 15);
  let pairSlot = new Int32Array(1 << 16);
  let pairRoute = new Int32Array(1 << 16);
  let pairCount = new Int32Array(1 << 16);
  let slots = 0;
  let pairs = 0;
  const totals = new Float64Array(routeCount);
  let doc = -1;
  let route = -1;
  /** The feature slot of a hash, made when the hash is new (slots are numbered in order of first use). */
  const slotOf = (hash: number): number => {
    const key = hash & TABLE_MASK;
    let slot = (table[key] as number) - 1;
    if (slot >= 0) return slot;
    if (slots === slotDoc.length) {
      slotDoc = grown(slotDoc);
      slotKey = grown(slotKey);
      slotRoute = grown(slotRoute);
      slotPair = grown(slotPair);
    }
    slot = slots++;
    table[key] = slot + 1;
    slotDoc[slot] = -1;
    slotKey[slot] = key;
    slotRoute[slot] = -1;
    slotPair[slot] = -1;
    return slot;
  };
  /** Counts a slot once for the current example, in its (slot, route) pair. */
  const count = (slot: number): void => {
    if (slotDoc[slot] === doc) return;
    slotDoc[slot] = doc;
    totals[route] = (totals[route] as number) + 1;
    if (slotRoute[slot] === route) {
      const pair = slotPair[slot] as number;
      pairCount[pair] = (pairCount[pair] as number) + 1;
      return;
    }
    if (pairs === pairSlot.length) {
      pairSlot = grown(pairSlot);
      pairRoute = grown(pairRoute);
      pairCount = grown(pairCount);
    }
    slotRoute[slot] = route;
    slotPair[slot] = pairs;
    pairSlot[pairs] = slot;
    pairRoute[pairs] = route;
    pairCount[pairs] = 1;
    pairs++;
  };
  // Stems repeat across examples: each one's n-gram slots (and its pair hash's start) are found once,
  // at its first use, so the slots are numbered as if every n-gram were looked up in turn.
  const known = new Map<string, { own: Int32Array; pairSeed: number }>();
  for (const d of byRoute) {
    doc++;
    route = routeIndex.get(d.route) as number;
    for (let k = 0; k < d.stems.length; k++) {
      const stem = d.stems[k] as string;
      let stemSlots = known.get(stem);
      if (!stemSlots) {
        stemSlots = { own: Int32Array.from(stemHashes(stem), slotOf), pairSeed: pairSeed(stem) };
        known.set(stem, stemSlots);
      }
      const own = stemSlots.own;
      for (let h = 0; h < own.length; h++) count(own[h] as number);
      if (k + 1 < d.stems.length) count(slotOf(hashString(stemSlots.pairSeed, d.stems[k + 1] as string)));
    }
  }
  const vocabulary = slots;
  for (let r = 0; r < routeCount; r++)
    logUnseen[r] = Math.log(smoothing / ((totals[r] as number) + smoothing * vocabulary));
  // Pairs grouped by slot (a counting sort), each with its log boost over an unseen n-gram.
  const start = new Int32Array(vocabulary + 1);
  const slotKeys = slotKey.slice(0, vocabulary);
  for (let pair = 0; pair < pairs; pair++) {
    const slot = pairSlot[pair] as number;
    start[slot + 1] = (start[slot + 1] as number) + 1;
  }
  // An n-gram that most routes' examples use ("<th", "ing>") tells them apart too little to be
  // worth reading in every message: it is forgotten, as if no example had it.
  for (let f = 0; f < vocabulary; f++)
    if ((start[f + 1] as number) > maxRoutes) {
      start[f + 1] = 0;
      slotKeys[f] = -1;
    }
  for (let f = 0; f < vocabulary; f++) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const fill = start.slice(0, vocabulary);
  const total = start[vocabulary] as number;
  const routes = new Int32Array(total);
  const boosts = new Float64Array(total);
  for (let pair = 0; pair < pairs; pair++) {
    const slot = pairSlot[pair] as number;
    if (slotKeys[slot] === -1) continue; // forgotten above
    const at = fill[slot] as number;
    fill[slot] = at + 1;
    routes[at] = pairRoute[pair] as number;
    boosts[at] = Math.log(((pairCount[pair] as number) + smoothing) / smoothing);
  }
  return { routeIds, slotKeys, start, routes, boosts, logUnseen };
}

export class NgramBayes {
  readonly routeIds: string[];
  /** hash & TABLE_MASK -> feature slot + 1 (0: unknown). Collisions share a slot. */
  private readonly table = new Int32Array(1 << TABLE_BITS);
  /** Feature slot f's routes and log boosts over unseen: k in [start[f], start[f + 1]). */
  private readonly start: Int32Array;
  private readonly routes: Int32Array;
  private readonly boosts: Float64Array;
  /** Per route: the log-probability of an n-gram its examples never use. */
  private readonly logUnseen: Float64Array;
  /** What it was built from, for a rules snapshot. */
  readonly model: NgramModel;

  /** Per slot, scratch for scores(): the message that last saw it, and its weight there. */
  private readonly seenBy: Int32Array;
  private readonly seenWeight: Float64Array;
  private readonly seenSlots: number[] = [];
  private messages = 0;
  private readonly slotsOfStem = new BoundedMemo<StemSlots>();
  /** What posterior() returns, overwritten by the next call (not allocated off the heap per message). */
  private readonly posteriorOut: Float64Array;

  /** From the examples (trained by counting, see trainNgrams), or from a model trained before. */
  constructor(source: Documents | NgramModel, smoothing = NGRAM_SMOOTHING, maxRoutes = NGRAM_MAX_ROUTES) {
    const model = 'slotKeys' in source ? source : trainNgrams(source, smoothing, maxRoutes);
    this.model = model;
    this.routeIds = model.routeIds;
    this.start = model.start;
    this.routes = model.routes;
    this.boosts = model.boosts;
    this.logUnseen = model.logUnseen;
    const vocabulary = model.slotKeys.length;
    for (let f = 0; f < vocabulary; f++) {
      const key = model.slotKeys[f] as number;
      if (key >= 0) this.table[key] = f + 1;
    }
    this.seenBy = new Int32Array(vocabulary).fill(-1);
    this.seenWeight = new Float64Array(vocabulary);
    this.posteriorOut = new Float64Array(model.routeIds.length);
  }

  /**
   * A stem's known feature slots, and the start of the hash of a pair it begins (see pairHash),
   * remembered: the same words come back in every message.
   */
  private stemSlots(s: string): StemSlots {
    const remembered = this.slotsOfStem.get(s);
    if (remembered) return remembered;
    const found: number[] = [];
    for (const hash of stemHashes(s)) {
      const slot = (this.table[hash & TABLE_MASK] as number) - 1;
      if (slot >= 0) found.push(slot);
    }
    const slots = { own: Int32Array.from(found), pairSeed: pairSeed(s) };
    this.slotsOfStem.set(s, slots);
    return slots;
  }

  /** The posterior as a map from route id (see posterior). */
  scores(stems: readonly string[], weights?: readonly number[]): Map<string, number> {
    const p = this.posterior(stems, weights);
    return new Map(p ? this.routeIds.map((id, r) => [id, p[r] as number]) : []);
  }

  /**
   * The posterior per route (uniform prior, by route index) for a message's stems, weighted (the
   * ask counts more: each n-gram by its largest weight relative to the heaviest), over the n-grams
   * the examples know; undefined when they know none. The array is overwritten by the next call.
   */
  posterior(stems: readonly string[], weights?: readonly number[]): Float64Array | undefined {
    const message = ++this.messages;
    const slots = this.seenSlots;
    slots.length = 0;
    const { seenBy, seenWeight, table } = this;
    let heaviest = 0;
    for (let k = 0; k < stems.length; k++) {
      const s = stems[k] as string;
      const weight = weights?.[k] ?? 1;
      if (weight > heaviest) heaviest = weight;
      const { own, pairSeed: seed } = this.stemSlots(s);
      const pair =
        k + 1 < stems.length
          ? (table[hashString(seed, stems[k + 1] as string) & TABLE_MASK] as number) - 1
          : -1;
      // The stem's own slots, then its pair's: each slot keeps its largest weight in this message.
      for (let n = 0; n <= own.length; n++) {
        const slot = n < own.length ? (own[n] as number) : pair;
        if (slot < 0) continue;
        if (seenBy[slot] !== message) {
          seenBy[slot] = message;
          seenWeight[slot] = weight;
          slots.push(slot);
        } else if (weight > (seenWeight[slot] as number)) seenWeight[slot] = weight;
      }
    }
    if (!slots.length) return undefined;
    const z = this.posteriorOut.fill(0);
    const { start, routes, boosts } = this;
    let mass = 0;
    for (let n = 0; n < slots.length; n++) {
      const slot = slots[n] as number;
      const v = (seenWeight[slot] as number) / heaviest;
      mass += v;
      const end = start[slot + 1] as number;
      for (let k = start[slot] as number; k < end; k++) {
        const r = routes[k] as number;
        z[r] = (z[r] as number) + v * (boosts[k] as number);
      }
    }
    let top = -Infinity;
    const logUnseen = this.logUnseen;
    for (let r = 0; r < z.length; r++) {
      z[r] = (z[r] as number) + mass * (logUnseen[r] as number);
      if ((z[r] as number) > top) top = z[r] as number;
    }
    // The n-grams of one word are far from independent, so their summed log-likelihood is wildly
    // overconfident; the posterior is taken from the mean per n-gram, sharpened by a constant.
    const sharp = NGRAM_SHARPNESS / mass;
    let sum = 0;
    for (let r = 0; r < z.length; r++) sum += z[r] = Math.exp(sharp * ((z[r] as number) - top));
    for (let r = 0; r < z.length; r++) z[r] = (z[r] as number) / sum;
    return z;
  }
}
