// The third learned scorer: multinomial logistic regression over word 1-2-grams and character
// 3-5-grams of the stems, trained on the rules' examples when the rules load. Character n-grams let
// a word the examples never used ("subscriptions", "gitlabcom", "self-hosted") share evidence with
// the ones they did, and bigrams keep a little word order ("not renew" vs "renew").
//
// No npm package fits: the maintained logistic regression packages (ml-logistic-regression) train
// one-vs-rest on dense matrices, which for ~20,000 sparse text features and 56 routes takes minutes
// where this takes tens of milliseconds. So this is a small trainer, tested in linear.test.ts.
//
// Features are hashed (FNV-1a over the characters, no string built per n-gram), so a message costs
// a few hundred multiply-adds. A feature's weights exist only for the routes whose examples use it
// (its support), which keeps training and scoring sparse; every route also has a bias.

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

/**
 * The hashed features of a list of stems with each one's weight: every stem, every pair of
 * neighbouring stems, and the character n-grams of each padded stem. A feature's value is the
 * largest weight among its occurrences, then the vector is scaled to unit length.
 */
export function hashedFeatures(stems: readonly string[], weights?: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const put = (hash: number, weight: number) => {
    const seen = out.get(hash);
    if (seen === undefined || weight > seen) out.set(hash, weight);
  };
  for (let k = 0; k < stems.length; k++) {
    const s = stems[k] as string;
    const weight = weights?.[k] ?? 1;
    put(hashString(WORD_SEED, s), weight);
    if (k + 1 < stems.length)
      put(hashString(fnv(hashString(PAIR_SEED, s), 32), stems[k + 1] as string), weight);
    // Character n-grams of "<" + s + ">": positions -1 and s.length stand for the padding.
    const last = s.length;
    for (let start = -1; start <= last + 1 - CHAR_MIN; start++) {
      let h = CHAR_SEED;
      for (let end = start; end <= last && end - start < CHAR_MAX; end++) {
        h = fnv(h, end < 0 ? PAD_START : end === last ? PAD_END : s.charCodeAt(end));
        if (end - start + 1 >= CHAR_MIN) put(h, weight);
      }
    }
  }
  let norm = 0;
  for (const v of out.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [h, v] of out) out.set(h, v / norm);
  return out;
}

export interface LinearTraining {
  /** Passes over the examples. */
  epochs: number;
  /** AdaGrad's base step. */
  rate: number;
  /** L2 penalty per step. */
  l2: number;
  /** A feature used by more routes than this tells them apart too little to be worth its cost. */
  maxSupport: number;
}

/** Chosen on the hard sets' studied parts: more epochs or a larger support bought no accuracy, only load time. */
export const DEFAULT_TRAINING: LinearTraining = { epochs: 6, rate: 0.5, l2: 1e-4, maxSupport: 12 };

/** A small deterministic generator (mulberry32), so training shuffles the same way every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Example {
  /** Feature slots and values. */
  slots: Int32Array;
  values: Float64Array;
  route: number;
}

export class LinearModel {
  readonly routeIds: string[];
  /** hash & TABLE_MASK -> feature slot + 1 (0: unknown). Collisions share a slot. */
  private readonly table = new Int32Array(1 << TABLE_BITS);
  /** Feature slot f's weights: routes supportRoutes[k] and weights[k], k in [start[f], start[f + 1]). */
  private readonly start: Int32Array;
  private readonly supportRoutes: Int32Array;
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  /** Scratch for scores(). */
  private readonly logits: Float64Array;

  constructor(
    documents: Array<{ route: string; stems: string[] }>,
    training: LinearTraining = DEFAULT_TRAINING,
  ) {
    const routeIndex = new Map<string, number>();
    for (const d of documents) if (!routeIndex.has(d.route)) routeIndex.set(d.route, routeIndex.size);
    this.routeIds = [...routeIndex.keys()];
    const routeCount = this.routeIds.length;
    this.bias = new Float64Array(routeCount);
    this.logits = new Float64Array(routeCount);

    // Slots in order of first appearance; each slot's support is the set of routes using it.
    const supports: Array<Set<number>> = [];
    const examples: Example[] = documents.map((d) => {
      const route = routeIndex.get(d.route) as number;
      const features = hashedFeatures(d.stems);
      const slots = new Int32Array(features.size);
      const values = new Float64Array(features.size);
      let n = 0;
      for (const [hash, value] of features) {
        const key = hash & TABLE_MASK;
        let slot = (this.table[key] as number) - 1;
        if (slot < 0) {
          slot = supports.length;
          this.table[key] = slot + 1;
          supports.push(new Set());
        }
        (supports[slot] as Set<number>).add(route);
        slots[n] = slot;
        values[n++] = value;
      }
      return { slots, values, route };
    });
    for (const s of supports) if (s.size > training.maxSupport) s.clear();
    this.start = new Int32Array(supports.length + 1);
    supports.forEach((s, f) => (this.start[f + 1] = (this.start[f] as number) + s.size));
    const total = this.start[supports.length] as number;
    this.supportRoutes = new Int32Array(total);
    supports.forEach((s, f) => {
      let at = this.start[f] as number;
      for (const r of [...s].sort((a, b) => a - b)) this.supportRoutes[at++] = r;
    });
    this.weights = new Float64Array(total);
    this.train(examples, training);
  }

  /** AdaGrad on the log-loss, examples in a seeded random order each epoch. */
  private train(examples: Example[], { epochs, rate, l2 }: LinearTraining): void {
    const squared = new Float64Array(this.weights.length);
    const biasSquared = new Float64Array(this.bias.length);
    const p = this.logits;
    const random = seeded(12);
    const order = examples.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const index of order) {
        const ex = examples[index] as Example;
        this.probabilities(ex.slots, ex.values);
        for (let r = 0; r < p.length; r++) {
          const g = (p[r] as number) - (r === ex.route ? 1 : 0);
          biasSquared[r] = (biasSquared[r] as number) + g * g;
          this.bias[r] = (this.bias[r] as number) - (rate * g) / Math.sqrt((biasSquared[r] as number) + 1e-8);
        }
        for (let n = 0; n < ex.slots.length; n++) {
          const f = ex.slots[n] as number;
          const v = ex.values[n] as number;
          for (let k = this.start[f] as number; k < (this.start[f + 1] as number); k++) {
            const r = this.supportRoutes[k] as number;
            const w = this.weights[k] as number;
            const g = ((p[r] as number) - (r === ex.route ? 1 : 0)) * v + l2 * w;
            squared[k] = (squared[k] as number) + g * g;
            this.weights[k] = w - (rate * g) / Math.sqrt((squared[k] as number) + 1e-8);
          }
        }
      }
    }
  }

  /** Softmax over routes into this.logits, for features given as slots and values. */
  private probabilities(slots: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
    const z = this.logits;
    z.set(this.bias);
    for (let n = 0; n < slots.length; n++) {
      const f = slots[n] as number;
      const v = values[n] as number;
      for (let k = this.start[f] as number; k < (this.start[f + 1] as number); k++) {
        const r = this.supportRoutes[k] as number;
        z[r] = (z[r] as number) + (this.weights[k] as number) * v;
      }
    }
    let top = -Infinity;
    for (const x of z) if (x > top) top = x;
    let sum = 0;
    for (let r = 0; r < z.length; r++) sum += z[r] = Math.exp((z[r] as number) - top);
    for (let r = 0; r < z.length; r++) z[r] = (z[r] as number) / sum;
    return z;
  }

  /**
   * The posterior per route for a message's stems (weighted: the ask counts more), or an empty map
   * when none of its features occurs in the examples.
   */
  scores(stems: readonly string[], weights?: readonly number[]): Map<string, number> {
    const slots: number[] = [];
    const values: number[] = [];
    for (const [hash, value] of hashedFeatures(stems, weights)) {
      const slot = (this.table[hash & TABLE_MASK] as number) - 1;
      if (slot < 0) continue;
      slots.push(slot);
      values.push(value);
    }
    const out = new Map<string, number>();
    if (!slots.length) return out;
    const p = this.probabilities(slots, values);
    this.routeIds.forEach((id, r) => out.set(id, p[r] as number));
    return out;
  }
}
