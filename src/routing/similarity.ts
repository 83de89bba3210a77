// TF-IDF cosine similarity between a message and each rule's examples (nearest example wins).
// It lets a paraphrase that no signal names still lean towards the right route.
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

interface Posting {
  doc: number;
  weight: number;
}

export class SimilarityIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly routes: string[];
  /** Naive Bayes: per route, log P(stem | route) for seen stems and the floor for unseen ones. */
  private readonly logLikelihood = new Map<string, Map<string, number>>();
  private readonly logUnseen = new Map<string, number>();

  constructor(documents: Array<{ route: string; text: string }>) {
    this.routes = documents.map((d) => d.route);
    const docStems = documents.map((d) => new Set(contentStems(d.text)));
    this.trainBayes(docStems);
    const df = new Map<string, number>();
    for (const stems of docStems) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
    const n = documents.length;
    for (const [s, count] of df) this.idf.set(s, Math.log(1 + n / count));
    docStems.forEach((stems, doc) => {
      const norm = Math.sqrt([...stems].reduce((sum, s) => sum + (this.idf.get(s) ?? 0) ** 2, 0)) || 1;
      for (const s of stems) {
        const list = this.postings.get(s) ?? [];
        list.push({ doc, weight: (this.idf.get(s) ?? 0) / norm });
        this.postings.set(s, list);
      }
    });
  }

  private trainBayes(docStems: Array<Set<string>>): void {
    const counts = new Map<string, Map<string, number>>();
    const vocabulary = new Set<string>();
    docStems.forEach((stems, doc) => {
      const route = this.routes[doc] as string;
      const c = counts.get(route) ?? new Map<string, number>();
      for (const s of stems) {
        c.set(s, (c.get(s) ?? 0) + 1);
        vocabulary.add(s);
      }
      counts.set(route, c);
    });
    for (const [route, c] of counts) {
      const total = [...c.values()].reduce((a, b) => a + b, 0) + vocabulary.size;
      this.logLikelihood.set(route, new Map([...c].map(([s, n]) => [s, Math.log((n + 1) / total)])));
      this.logUnseen.set(route, Math.log(1 / total));
    }
  }

  /** How many distinct stems of a message the examples contain. */
  knownCount(stems: string[]): number {
    return new Set(stems.filter((s) => this.idf.has(s))).size;
  }

  /** Naive Bayes posterior per route (uniform prior) over the stems the corpus knows. */
  bayes(stems: string[]): Map<string, number> {
    const known = [...new Set(stems)].filter((s) => this.idf.has(s));
    const logs = new Map<string, number>();
    if (!known.length) return logs;
    let top = -Infinity;
    for (const [route, ll] of this.logLikelihood) {
      const unseen = this.logUnseen.get(route) as number;
      const score = known.reduce((sum, s) => sum + (ll.get(s) ?? unseen), 0);
      logs.set(route, score);
      if (score > top) top = score;
    }
    let total = 0;
    for (const [route, score] of logs) {
      const p = Math.exp(score - top);
      logs.set(route, p);
      total += p;
    }
    for (const [route, p] of logs) logs.set(route, p / total);
    return logs;
  }

  /** Best cosine similarity per route, for the stems of one message. */
  scores(stems: Iterable<string>): Map<string, number> {
    const unique = new Set(stems);
    let queryNorm = 0;
    const dots = new Map<number, number>();
    for (const s of unique) {
      const idf = this.idf.get(s);
      if (idf === undefined) continue;
      queryNorm += idf * idf;
      for (const p of this.postings.get(s) ?? []) dots.set(p.doc, (dots.get(p.doc) ?? 0) + idf * p.weight);
    }
    const best = new Map<string, number>();
    if (queryNorm === 0) return best;
    const norm = Math.sqrt(queryNorm);
    for (const [doc, dot] of dots) {
      const route = this.routes[doc] as string;
      const cos = dot / norm;
      if (cos > (best.get(route) ?? 0)) best.set(route, cos);
    }
    return best;
  }
}
