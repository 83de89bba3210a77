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

export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => t !== BOUNDARY && !STOPWORDS.has(t))
    .map(stem);
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
  /** Naive Bayes: per stem, log P(stem | route) for every route (Laplace-smoothed). */
  private readonly logLikelihood = new Map<string, Float64Array>();
  private readonly logUnseen: Float64Array;

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

  private trainBayes(docStems: Array<Set<string>>, df: Map<string, number>): void {
    const routes = this.routeIds.length;
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(routes);
    docStems.forEach((stems, doc) => {
      const route = this.docRoute[doc] as number;
      for (const s of stems) {
        let c = counts.get(s);
        if (!c) counts.set(s, (c = new Float64Array(routes)));
        c[route] = (c[route] ?? 0) + 1;
        totals[route] = (totals[route] ?? 0) + 1;
      }
    });
    for (let r = 0; r < routes; r++) this.logUnseen[r] = Math.log(1 / ((totals[r] ?? 0) + df.size));
    for (const [s, c] of counts)
      this.logLikelihood.set(
        s,
        c.map((n, r) => Math.log((n + 1) / ((totals[r] ?? 0) + df.size))),
      );
  }

  /** How many distinct stems of a message the examples contain. */
  knownCount(stems: string[]): number {
    let n = 0;
    for (const s of new Set(stems)) if (this.idf.has(s)) n++;
    return n;
  }

  /** Naive Bayes posterior per route (uniform prior) over the stems the examples know. */
  bayes(stems: string[]): Map<string, number> {
    const logs = Float64Array.from(this.logUnseen, () => 0);
    let known = 0;
    for (const s of new Set(stems)) {
      const ll = this.logLikelihood.get(s);
      if (!ll) continue;
      known++;
      for (let r = 0; r < logs.length; r++) logs[r] = (logs[r] as number) + (ll[r] as number);
    }
    const out = new Map<string, number>();
    if (!known) return out;
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
