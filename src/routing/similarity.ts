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

  constructor(documents: Array<{ route: string; text: string }>) {
    this.routes = documents.map((d) => d.route);
    const docStems = documents.map((d) => new Set(contentStems(d.text)));
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
