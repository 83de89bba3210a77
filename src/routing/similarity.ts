// What the rules' examples teach: TF-IDF cosine similarity to the nearest example of each route, and
// a naive Bayes posterior over routes. Both let a paraphrase that no signal names find its route.
import { stem } from './lexicon';
import { BOUNDARY, tokenize } from './normalize';

/** Function words that carry no routing meaning; IDF alone is too weak on a small corpus. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for from by with about as into is are was were be been being ' +
    'i me my we our you your he she it its they them their this that these those there here what which who ' +
    'whom how when where why can could would should will shall may might must do does did done have has had ' +
    'get got so just also very really please pls thanks thank hi hey hello team someone anyone any some all ' +
    'need needs want wants like know let one'
  ).split(' '),
);

export const isStopword = (word: string): boolean => STOPWORDS.has(word);

/** A text's content stems (stopwords dropped), as the learned scorers see the rules' examples. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) if (token !== BOUNDARY && !STOPWORDS.has(token)) out.push(stem(token));
  return out;
}

/**
 * Both learned scorers, stored flat: every stem the examples use has an index, and its postings
 * (documents with TF-IDF weights) and naive Bayes boosts (routes with log-count boosts) are slices of
 * shared typed arrays. A few large arrays instead of thousands of small ones keep the load fast.
 */
/** A message's stems that the examples know (indexes) and their weights; see SimilarityIndex.known. */
export interface KnownStems {
  ids: number[];
  weights: number[];
}

/** Both scorers trained, as plain arrays: what a rules snapshot stores so a restart need not index. */
export interface SimilarityModel {
  /** The examples' distinct stems, by index. */
  stems: string[];
  routeIds: string[];
  docRoute: Int32Array;
  idf: Float64Array;
  postingStart: Int32Array;
  postingDocs: Int32Array;
  postingWeights: Float64Array;
  logUnseen: Float64Array;
  bayesStart: Int32Array;
  bayesRoutes: Int32Array;
  bayesBoosts: Float64Array;
}

type Documents = ReadonlyArray<{ route: string; stems: readonly string[] }>;

/** Indexes the examples: TF-IDF postings per stem, and naive Bayes boosts per stem and route. */
export function trainSimilarity(documents: Documents): SimilarityModel {
  const routeIndex = new Map<string, number>();
  for (const d of documents) if (!routeIndex.has(d.route)) routeIndex.set(d.route, routeIndex.size);
  const routeIds = [...routeIndex.keys()];
  const docRoute = Int32Array.from(documents, (d) => routeIndex.get(d.route) as number);

  // Each document as the distinct indexes of its content stems (lastDoc marks a stem seen in this one).
  const stemIndex = new Map<string, number>();
  const lastDoc: number[] = [];
  const docStems: number[][] = documents.map((d, doc) => {
    const ids: number[] = [];
    for (const s of d.stems) {
      let i = stemIndex.get(s);
      if (i === undefined) {
        i = stemIndex.size;
        stemIndex.set(s, i);
        lastDoc.push(-1);
      }
      if (lastDoc[i] === doc) continue;
      lastDoc[i] = doc;
      ids.push(i);
    }
    return ids;
  });
  const stemCount = stemIndex.size;
  const df = new Int32Array(stemCount);
  let postings = 0;
  for (const ids of docStems) {
    for (const i of ids) df[i] = (df[i] as number) + 1;
    postings += ids.length;
  }
  const idf = new Float64Array(stemCount);
  for (let i = 0; i < stemCount; i++) idf[i] = Math.log(1 + documents.length / (df[i] as number));

  const postingStart = new Int32Array(stemCount + 1);
  for (let i = 0; i < stemCount; i++) postingStart[i + 1] = (postingStart[i] as number) + (df[i] as number);
  const postingDocs = new Int32Array(postings);
  const postingWeights = new Float64Array(postings);
  const fill = postingStart.slice(0, stemCount);
  docStems.forEach((ids, doc) => {
    let sum = 0;
    for (const i of ids) sum += (idf[i] as number) ** 2;
    const norm = Math.sqrt(sum) || 1;
    for (const i of ids) {
      const at = fill[i] as number;
      fill[i] = at + 1;
      postingDocs[at] = doc;
      postingWeights[at] = (idf[i] as number) / norm;
    }
  });
  const model: SimilarityModel = {
    stems: [...stemIndex.keys()],
    routeIds,
    docRoute,
    idf,
    postingStart,
    postingDocs,
    postingWeights,
    logUnseen: new Float64Array(routeIds.length),
    bayesStart: new Int32Array(stemCount + 1),
    bayesRoutes: new Int32Array(postings),
    bayesBoosts: new Float64Array(postings),
  };
  trainBayes(model, docStems);
  return model;
}

/**
 * Naive Bayes with Laplace smoothing, stored sparsely: for each stem only the routes whose examples
 * use it carry a boost over the route's "unseen word" log-probability.
 */
function trainBayes(m: SimilarityModel, docStems: number[][]): void {
  const stemCount = m.idf.length;
  const routeCount = m.routeIds.length;
  const totals = new Float64Array(routeCount);
  docStems.forEach((ids, doc) => {
    const route = m.docRoute[doc] as number;
    totals[route] = (totals[route] as number) + ids.length;
  });
  for (let r = 0; r < routeCount; r++) m.logUnseen[r] = -Math.log((totals[r] as number) + stemCount);
  // A stem's documents per route, counted from its postings: only the routes it occurs in are touched.
  const count = new Int32Array(routeCount);
  const touched: number[] = [];
  let at = 0;
  for (let i = 0; i < stemCount; i++) {
    for (let k = m.postingStart[i] as number; k < (m.postingStart[i + 1] as number); k++) {
      const r = m.docRoute[m.postingDocs[k] as number] as number;
      if (count[r] === 0) touched.push(r);
      count[r] = (count[r] as number) + 1;
    }
    for (const r of touched) {
      m.bayesRoutes[at] = r;
      m.bayesBoosts[at] = Math.log((count[r] as number) + 1);
      count[r] = 0;
      at++;
    }
    touched.length = 0;
    m.bayesStart[i + 1] = at;
  }
}

/**
 * The documents as runs of neighbours with one route: where each run starts (and, last, where the
 * documents end) and its route. The examples come rule by rule, so there is one run per route.
 */
function routeRuns(docRoute: Int32Array): [Int32Array, Int32Array] {
  const starts: number[] = [];
  const routes: number[] = [];
  for (let doc = 0; doc < docRoute.length; doc++)
    if (doc === 0 || docRoute[doc] !== docRoute[doc - 1]) {
      starts.push(doc);
      routes.push(docRoute[doc] as number);
    }
  starts.push(docRoute.length);
  return [Int32Array.from(starts), Int32Array.from(routes)];
}

/** The largest of values[from..to) and `floor`. */
function largest(values: Float64Array, from: number, to: number, floor: number): number {
  let top = floor;
  for (let k = from; k < to; k++) if ((values[k] as number) > top) top = values[k] as number;
  return top;
}

export class SimilarityIndex {
  private readonly stemIndex = new Map<string, number>();
  private readonly idf: Float64Array;
  /** Postings of stem i: docs/weights from postingStart[i] to postingStart[i + 1]. */
  private readonly postingStart: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float64Array;
  /** Route ids in index order (the order of the rules): the scorers' arrays are indexed by it. */
  readonly routeIds: string[];
  /** Naive Bayes: per route log P(unseen word); per stem the routes whose examples use it, with boosts. */
  private readonly logUnseen: Float64Array;
  private readonly bayesStart: Int32Array;
  private readonly bayesRoutes: Int32Array;
  private readonly bayesBoosts: Float64Array;
  /** What it was built from, for a rules snapshot. */
  readonly model: SimilarityModel;

  /** From the examples (see trainSimilarity), or from a model trained before. */
  constructor(source: Documents | SimilarityModel) {
    const m = 'postingStart' in source ? source : trainSimilarity(source);
    this.model = m;
    m.stems.forEach((s, i) => this.stemIndex.set(s, i));
    this.routeIds = m.routeIds;
    this.idf = m.idf;
    this.postingStart = m.postingStart;
    this.postingDocs = m.postingDocs;
    this.postingWeights = m.postingWeights;
    this.logUnseen = m.logUnseen;
    this.bayesStart = m.bayesStart;
    this.bayesRoutes = m.bayesRoutes;
    this.bayesBoosts = m.bayesBoosts;
    this.seenAt = new Int32Array(m.stems.length);
    this.slotOf = new Int32Array(m.stems.length);
    this.dots = new Float64Array(m.docRoute.length);
    [this.runStart, this.runRoute] = routeRuns(m.docRoute);
    this.bayesOut = new Float64Array(m.routeIds.length);
    this.scoresOut = new Float64Array(m.routeIds.length);
  }

  /** Marks stems already seen in the current message (stamp = message number): no Map per call. */
  private readonly seenAt: Int32Array;
  private readonly slotOf: Int32Array;
  private stampCount = 0;
  /** Scratch space for scores(): one dot product per document, all 0 between calls. */
  private readonly dots: Float64Array;
  /** The documents in runs of one route (see routeRuns): run j is [runStart[j], runStart[j + 1]). */
  private readonly runStart: Int32Array;
  private readonly runRoute: Int32Array;

  /**
   * The distinct stems of a message that the examples contain, with each one's weight (the largest
   * of its occurrences: words of the ask count more than background). Computed once per message
   * and shared by both scorers.
   */
  known(stems: string[], weights?: number[]): KnownStems {
    const ids: number[] = [];
    const w: number[] = [];
    const stamp = ++this.stampCount;
    for (let k = 0; k < stems.length; k++) {
      const i = this.stemIndex.get(stems[k] as string);
      if (i === undefined) continue;
      const weight = weights?.[k] ?? 1;
      if (this.seenAt[i] !== stamp) {
        this.seenAt[i] = stamp;
        this.slotOf[i] = ids.length;
        ids.push(i);
        w.push(weight);
      } else if (weight > (w[this.slotOf[i] as number] as number)) w[this.slotOf[i] as number] = weight;
    }
    return { ids, weights: w };
  }

  /**
   * What bayes() and scores() return: one array each, overwritten by the next call (a message
   * reads them before the next is classified; an array per call would be allocated off the heap).
   */
  private readonly bayesOut: Float64Array;
  private readonly scoresOut: Float64Array;

  /**
   * Naive Bayes posterior per route (uniform prior, by route index) over the stems the examples
   * know, each weighted; undefined when they know none. The array is overwritten by the next call.
   */
  bayes({ ids, weights: w }: KnownStems): Float64Array | undefined {
    if (!ids.length) return undefined;
    // log P(words | route) = sum over words of weight * (unseen(route) + boost(word, route)).
    let total = 0;
    for (const x of w) total += x;
    const logs = this.bayesOut;
    for (let r = 0; r < logs.length; r++) logs[r] = (this.logUnseen[r] as number) * total;
    const { bayesStart, bayesRoutes, bayesBoosts } = this;
    for (let n = 0; n < ids.length; n++) {
      const i = ids[n] as number;
      const weight = w[n] as number;
      const end = bayesStart[i + 1] as number;
      for (let k = bayesStart[i] as number; k < end; k++) {
        const r = bayesRoutes[k] as number;
        logs[r] = (logs[r] as number) + weight * (bayesBoosts[k] as number);
      }
    }
    let top = -Infinity;
    for (let r = 0; r < logs.length; r++) if ((logs[r] as number) > top) top = logs[r] as number;
    let sum = 0;
    for (let r = 0; r < logs.length; r++) sum += logs[r] = Math.exp((logs[r] as number) - top);
    for (let r = 0; r < logs.length; r++) logs[r] = (logs[r] as number) / sum;
    return logs;
  }

  /**
   * Best cosine similarity per route (by route index), for the (weighted) stems of one message.
   * The array is overwritten by the next call.
   */
  scores({ ids, weights: w }: KnownStems): Float64Array | undefined {
    // Every document's dot product, into an array that is all 0 between messages. Keeping a list of
    // the documents touched cost more than it saved: whether a posting's document is new is a
    // branch the processor cannot predict (about 1,200 of 3,000 postings per message are).
    // The arrays in locals: the loop reads about three thousand postings per message.
    const { dots, idf, postingStart, postingDocs, postingWeights } = this;
    let queryNorm = 0;
    for (let n = 0; n < ids.length; n++) {
      const i = ids[n] as number;
      const q = (idf[i] as number) * (w[n] as number);
      queryNorm += q * q;
      const end = postingStart[i + 1] as number;
      for (let k = postingStart[i] as number; k < end; k++) {
        const doc = postingDocs[k] as number;
        dots[doc] = (dots[doc] as number) + q * (postingWeights[k] as number);
      }
    }
    const best = this.bestDots();
    dots.fill(0);
    if (queryNorm === 0) return undefined;
    // Dividing by a positive number keeps the order: the best cosine is the best dot over the norm.
    const norm = Math.sqrt(queryNorm);
    for (let r = 0; r < best.length; r++) best[r] = (best[r] as number) / norm;
    return best;
  }

  /**
   * Each route's largest dot product (0 when none is positive, as a document sharing no stem has),
   * read run by run: a route's documents lie side by side, so the inner loop is a plain maximum.
   */
  private bestDots(): Float64Array {
    const { dots, runStart, runRoute } = this;
    const best = this.scoresOut.fill(0);
    for (let j = 0; j < runRoute.length; j++) {
      const r = runRoute[j] as number;
      best[r] = largest(dots, runStart[j] as number, runStart[j + 1] as number, best[r] as number);
    }
    return best;
  }
}
