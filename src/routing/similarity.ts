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

function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => t !== BOUNDARY && !STOPWORDS.has(t))
    .map(stem);
}

interface Sparse {
  routes: Int32Array;
  boosts: Float64Array;
}

interface Postings {
  docs: Int32Array;
  weights: Float64Array;
}

export class SimilarityIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly idf = new Map<string, number>();
  /** Route index of each document, and the route ids in index order. */
  private readonly docRoute: Int32Array;
  private readonly routeIds: string[];
  /** Naive Bayes: per route log P(unseen word), and per stem the sparse log-boost of seen counts. */
  private readonly logUnseen: Float64Array;
  private readonly bayesBoosts = new Map<string, Sparse>();

  constructor(documents: Array<{ route: string; text: string }>) {
    this.routeIds = [...new Set(documents.map((d) => d.route))];
    const routeIndex = new Map(this.routeIds.map((id, i) => [id, i]));
    this.docRoute = Int32Array.from(documents, (d) => routeIndex.get(d.route) as number);
    const docStems = documents.map((d) => new Set(contentStems(d.text)));

    const df = new Map<string, number>();
    for (const stems of docStems) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
    for (const [s, count] of df) this.idf.set(s, Math.log(1 + documents.length / count));

    const lists = new Map<string, Array<[number, number]>>();
    docStems.forEach((stems, doc) => {
      const norm = Math.sqrt([...stems].reduce((sum, s) => sum + (this.idf.get(s) ?? 0) ** 2, 0)) || 1;
      for (const s of stems) {
        const list = lists.get(s) ?? [];
        list.push([doc, (this.idf.get(s) ?? 0) / norm]);
        lists.set(s, list);
      }
    });
    for (const [s, list] of lists)
      this.postings.set(s, {
        docs: Int32Array.from(list, ([d]) => d),
        weights: Float64Array.from(list, ([, w]) => w),
      });

    this.logUnseen = new Float64Array(this.routeIds.length);
    this.trainBayes(docStems, df);
  }

  /**
   * Naive Bayes with Laplace smoothing, stored sparsely: for each stem only the routes whose examples
   * use it carry a boost over the route's "unseen word" log-probability.
   */
  private trainBayes(docStems: Array<Set<string>>, df: Map<string, number>): void {
    const counts = new Map<string, Map<number, number>>();
    const totals = new Float64Array(this.routeIds.length);
    docStems.forEach((stems, doc) => {
      const route = this.docRoute[doc] as number;
      for (const s of stems) {
        let c = counts.get(s);
        if (!c) counts.set(s, (c = new Map()));
        c.set(route, (c.get(route) ?? 0) + 1);
        totals[route] = (totals[route] as number) + 1;
      }
    });
    const denominators = Float64Array.from(totals, (t) => t + df.size);
    denominators.forEach((d, r) => (this.logUnseen[r] = -Math.log(d)));
    for (const [s, c] of counts) {
      const routes = Int32Array.from(c.keys());
      this.bayesBoosts.set(s, { routes, boosts: Float64Array.from(c.values(), (n) => Math.log(n + 1)) });
    }
  }

  /** How many distinct stems of a message the examples contain. */
  knownCount(stems: string[]): number {
    let n = 0;
    for (const s of new Set(stems)) if (this.idf.has(s)) n++;
    return n;
  }

  /** Naive Bayes posterior per route (uniform prior) over the stems the examples know. */
  bayes(stems: string[]): Map<string, number> {
    const out = new Map<string, number>();
    const known = [...new Set(stems)].filter((s) => this.bayesBoosts.has(s));
    if (!known.length) return out;
    // log P(words | route) = sum over words of (unseen(route) + boost(word, route)).
    const logs = this.logUnseen.map((unseen) => unseen * known.length);
    for (const s of known) {
      const { routes, boosts } = this.bayesBoosts.get(s) as Sparse;
      for (let i = 0; i < routes.length; i++) {
        const r = routes[i] as number;
        logs[r] = (logs[r] as number) + (boosts[i] as number);
      }
    }
    const top = Math.max(...logs);
    let total = 0;
    for (let r = 0; r < logs.length; r++) total += logs[r] = Math.exp((logs[r] as number) - top);
    this.routeIds.forEach((id, r) => out.set(id, (logs[r] as number) / total));
    return out;
  }

  /** Best cosine similarity per route, for the stems of one message. */
  scores(stems: string[]): Map<string, number> {
    const dots = new Float64Array(this.docRoute.length);
    let queryNorm = 0;
    for (const s of new Set(stems)) {
      const idf = this.idf.get(s);
      const p = this.postings.get(s);
      if (idf === undefined || !p) continue;
      queryNorm += idf * idf;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i] as number;
        dots[doc] = (dots[doc] as number) + idf * (p.weights[i] as number);
      }
    }
    const best = new Map<string, number>();
    if (queryNorm === 0) return best;
    const norm = Math.sqrt(queryNorm);
    const bestByRoute = new Float64Array(this.routeIds.length);
    for (let doc = 0; doc < dots.length; doc++) {
      const cos = (dots[doc] as number) / norm;
      const r = this.docRoute[doc] as number;
      if (cos > (bestByRoute[r] as number)) bestByRoute[r] = cos;
    }
    this.routeIds.forEach((id, r) => {
      if ((bestByRoute[r] as number) > 0) best.set(id, bestByRoute[r] as number);
    });
    return best;
  }
}
