// Compiles a validated rules file into fast matchers: every phrase becomes a list of stems,
// indexed by its first stem, and every signal a list of phrase ids. Done once at load.
import { compileConditions, compileFacts, unaskableFacts } from './compile-facts';
import { Lexicon, type LexiconModel, stem } from './lexicon';
import { tokenize } from './normalize';
import type { RulesFile, Signal } from './schema';
import { NgramBayes, type NgramModel } from './ngrams';
import { contentStems, SimilarityIndex, type SimilarityModel } from './similarity';
import { UNKNOWN_ROUTE } from './types';

/** Stands for 0 to MAX_GAP tokens inside a phrase ("extend * trial"). */
export const GAP = '*';
export const MAX_GAP = 3;

export interface CompiledTerm {
  /** Position in Compiled.termCount, so a message can memoise each term's result. */
  index: number;
  /** The term as written in the rules file ("@trial|poc"); see termLabel for how evidence shows it. */
  text: string;
  /** The file's concepts (one shared object), so evidence can say a concept in its members' words. */
  concepts: Readonly<Record<string, readonly string[]>>;
}

const LABEL_WORDS = 4;

/**
 * How evidence names a term, in the words the rules author wrote: "@trial|poc" -> "trial / free
 * trial / poc" (a concept shows its first members, never its internal name). Only the winning
 * route's terms are shown, so this runs for a few terms per answer.
 */
export function termLabel(term: CompiledTerm): string {
  let label = labels.get(term);
  if (label === undefined) labels.set(term, (label = labelOf(term)));
  return label;
}

/** A term's label depends on the term alone: worked out once, on the first answer that shows it. */
const labels = new WeakMap<CompiledTerm, string>();

function labelOf(term: CompiledTerm): string {
  const words: string[] = [];
  const add = (alternatives: string, depth: number) => {
    for (const raw of alternatives.split('|')) {
      if (words.length >= LABEL_WORDS) return;
      const alt = raw.trim();
      if (!alt.startsWith('@')) {
        if (alt && !words.includes(alt)) words.push(alt);
      } else if (depth < 2) for (const member of term.concepts[alt.slice(1)] ?? []) add(member, depth + 1);
    }
  };
  add(term.text, 0);
  return words.join(' / ');
}

export interface CompiledSignal {
  any?: CompiledTerm[] | undefined;
  all?: CompiledTerm[] | undefined;
  none?: CompiledTerm[] | undefined;
  weight: number;
  why?: string | undefined;
}

/** A route's condition on one fact: the values it holds with (requires) or that rule it out (excludes). */
export interface CompiledCondition {
  fact: number;
  values: string[];
}

export interface CompiledRule {
  id: string;
  signals: CompiledSignal[];
  requires: CompiledCondition[];
  excludes: CompiledCondition[];
}

export interface CompiledFactValue {
  id: string;
  label: string;
  says: CompiledTerm[];
  negated: CompiledTerm[];
}

export interface CompiledFact {
  name: string;
  question: string;
  values: CompiledFactValue[];
}

/**
 * The phrases that start with one stem, split by their second element: a message reads the next
 * stem's list only, since nine of ten phrases that share a first stem fail on the second.
 */
export interface PhraseStart {
  /** Phrases whose second element is a stem, by that stem. */
  bySecond: Map<string, number[]>;
  /** The others: one-word phrases, and those going on with a gap or an exact word. */
  others: number[];
}

export interface Compiled {
  phrases: string[][];
  /** The phrases by their first stem (see PhraseStart). */
  byFirstStem: Map<string, PhraseStart>;
  /** The phrases that start with an exact word ("=upgraded"), by that word without the "=". */
  byFirstWord: Map<string, number[]>;
  lexicon: Lexicon;
  negations: Set<string>;
  rules: CompiledRule[];
  facts: CompiledFact[];
  similarity: SimilarityIndex;
  /** Naive Bayes over the examples' word and character n-grams. */
  ngrams: NgramBayes;
  /** Phrases used by the real routes' signals: a text that hits none of them is off-topic. */
  domainPhrases: Set<number>;
  termCount: number;
  /** phrase id -> the terms that contain it, so a message marks its terms in one pass. */
  termsByPhrase: number[][];
  /**
   * term index -> the rules (by index) with a signal that needs it ("any" or "all"). A signal fires
   * only when one of those terms occurs, so a rule none of whose terms occurs scores no signal.
   */
  rulesByTerm: number[][];
}

export class RuleCompileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Most phrase words are plain lower-case words and need no tokenizer pass. */
const PLAIN_WORD = /^[a-z][a-z0-9]*$/;

/** Marks a word that must match exactly, not by stem ("=upgraded" is not "upgrade"). */
export const EXACT = '=';

/**
 * Splits a phrase into stems ("*" stays a gap, "=word" an exact word) and adds its words to the
 * vocabulary that typo repair knows.
 */
function phraseStems(phrase: string, vocabulary: Set<string>): string[] {
  const out: string[] = [];
  for (const word of phrase.trim().split(/\s+/)) {
    if (PLAIN_WORD.test(word)) {
      out.push(stem(word));
      vocabulary.add(word);
      continue;
    }
    for (const part of word.toLowerCase().split(/[^a-z0-9]+/)) if (part) vocabulary.add(part);
    if (word === GAP) out.push(GAP);
    else if (word.startsWith(EXACT)) for (const token of tokenize(word.slice(1))) out.push(EXACT + token);
    else for (const token of tokenize(word)) out.push(stem(token));
  }
  return out;
}

/** For Compiled.byFirstStem: the phrases (ids, in order) that start with one stem, by what follows it. */
function phraseStart(ids: number[], phrases: string[][]): PhraseStart {
  const start: PhraseStart = { bySecond: new Map(), others: [] };
  for (const id of ids) {
    const second = (phrases[id] as string[])[1];
    if (second === undefined || second === GAP || second.startsWith(EXACT)) {
      start.others.push(id);
      continue;
    }
    const same = start.bySecond.get(second);
    if (same) same.push(id);
    else start.bySecond.set(second, [id]);
  }
  return start;
}

/** For Compiled.rulesByTerm: each rule once per term its signals need. */
function signalRulesByTerm(rules: CompiledRule[], termCount: number): number[][] {
  const byTerm: number[][] = Array.from({ length: termCount }, () => []);
  rules.forEach((rule, r) => {
    for (const signal of rule.signals)
      for (const terms of [signal.any, signal.all])
        for (const term of terms ?? []) {
          const users = byTerm[term.index] as number[];
          if (users[users.length - 1] !== r) users.push(r);
        }
  });
  return byTerm;
}

/** Compiles a validated file. */
export function compileRules(file: RulesFile): Compiled {
  const phrases: string[][] = [];
  const phraseIndex = new Map<string, number>();
  const byFirstStem = new Map<string, number[]>();
  const domainPhrases = new Set<number>();
  const vocabulary = new Set<string>();

  const phraseByText = new Map<string, number>();
  const addPhrase = (text: string): number => {
    const seen = phraseByText.get(text);
    if (seen !== undefined) return seen;
    const id = addNewPhrase(text);
    phraseByText.set(text, id);
    return id;
  };
  const addNewPhrase = (text: string): number => {
    const stems = phraseStems(text, vocabulary);
    if (stems.length === 0 || stems[0] === GAP || stems[stems.length - 1] === GAP)
      throw new RuleCompileError([`phrase "${text}" has no words or starts/ends with "${GAP}"`]);
    const key = stems.join(' ');
    const known = phraseIndex.get(key);
    if (known !== undefined) return known;
    const id = phrases.length;
    phrases.push(stems);
    phraseIndex.set(key, id);
    const first = stems[0] as string;
    const sameStart = byFirstStem.get(first);
    if (sameStart) sameStart.push(id);
    else byFirstStem.set(first, [id]);
    return id;
  };

  const conceptCache = new Map<string, number[]>();
  const resolveConcept = (name: string, trail: string[]): number[] => {
    const cached = conceptCache.get(name);
    if (cached) return cached;
    if (trail.includes(name))
      throw new RuleCompileError([`concept @${name} refers to itself (${[...trail, name].join(' -> ')})`]);
    const members = file.concepts[name];
    if (!members) throw new RuleCompileError([`unknown concept @${name}`]);
    const ids: number[] = [];
    for (const member of members) resolveIds(member, [...trail, name], ids);
    conceptCache.set(name, ids);
    return ids;
  };

  // Plain loops, not split/map/flatMap chains: this runs for every alternative of every term at boot.
  const resolveIds = (term: string, trail: string[], into: number[]): void => {
    for (const raw of term.split('|')) {
      const alt = raw.trim();
      if (!alt) continue;
      if (alt.startsWith('@')) for (const id of resolveConcept(alt.slice(1), trail)) into.push(id);
      else into.push(addPhrase(alt));
    }
  };

  // The same term text in several signals is one term: compiled once, evaluated once per message.
  const termByText = new Map<string, CompiledTerm>();
  /** Each term's phrase ids, needed only while compiling (termsByPhrase and domainPhrases). */
  const termPhrases: number[][] = [];
  const termsByPhrase: number[][] = [];
  const resolveTerm = (term: string): CompiledTerm => {
    const known = termByText.get(term);
    if (known) return known;
    const ids: number[] = [];
    resolveIds(term, [], ids);
    // Most terms have a handful of phrases: a linear check beats building a Set for each.
    const unique = ids.length > 16 ? [...new Set(ids)] : ids.filter((id, i) => ids.indexOf(id) === i);
    const compiledTerm = { index: termPhrases.length, text: term, concepts: file.concepts };
    termPhrases.push(unique);
    for (const id of unique) (termsByPhrase[id] ??= []).push(compiledTerm.index);
    termByText.set(term, compiledTerm);
    return compiledTerm;
  };
  const compileSignal = (signal: Signal): CompiledSignal => ({
    any: signal.any?.map((t) => resolveTerm(t)),
    all: signal.all?.map((t) => resolveTerm(t)),
    none: signal.none?.map((t) => resolveTerm(t)),
    weight: signal.weight,
    why: signal.why,
  });

  // Every signal is compiled even after a failure, so a bad file reports all its problems at once.
  const problems: string[] = [];
  const attempt = <T>(where: string, fn: () => T): T[] => {
    try {
      return [fn()];
    } catch (err) {
      if (!(err instanceof RuleCompileError)) throw err;
      problems.push(...err.problems.map((p) => `${where}: ${p}`));
      return [];
    }
  };
  const facts = compileFacts(file, resolveTerm, attempt);
  const rules: CompiledRule[] = file.rules.map((rule) => ({
    id: rule.id,
    signals: rule.signals.flatMap((signal, i) =>
      attempt(`rule ${rule.id}: signals[${i}]`, () => compileSignal(signal)),
    ),
    requires: compileConditions(rule.id, 'requires', rule.requires, facts, problems),
    excludes: compileConditions(rule.id, 'excludes', rule.excludes, facts, problems),
  }));
  problems.push(...unaskableFacts(facts, rules));
  if (problems.length) throw new RuleCompileError(problems);

  // The vocabulary of real routes; the small talk that the "unknown" rule recognises is not on topic.
  for (const rule of rules) {
    if (rule.id === UNKNOWN_ROUTE) continue;
    for (const signal of rule.signals)
      for (const terms of [signal.any, signal.all])
        for (const term of terms ?? []) for (const id of termPhrases[term.index] ?? []) domainPhrases.add(id);
  }

  const rulesByTerm = signalRulesByTerm(rules, termPhrases.length);

  // Each example's content stems, computed once for both learned scorers.
  const documents: Array<{ route: string; stems: string[] }> = [];
  for (const rule of file.rules)
    for (const text of [rule.title, ...rule.examples]) {
      for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (w) vocabulary.add(w);
      documents.push({ route: rule.id, stems: contentStems(text) });
    }

  const similarity = new SimilarityIndex(documents);
  const ngrams = new NgramBayes(documents);
  // classify() reads the learned scorers' arrays by rule index: every rule has a document (its
  // title), in file order, so their route order is the rules' order. (A file with a duplicate id
  // breaks that, and is refused by the loader for it.)
  const ids = rules.map((r) => r.id);
  const order = ids.join('\n');
  const inOrder = similarity.routeIds.join('\n') === order && ngrams.routeIds.join('\n') === order;
  if (!inOrder && new Set(ids).size === ids.length) throw new Error('learned scorers are not in rule order');

  return {
    phrases,
    byFirstStem: new Map([...byFirstStem].map(([first, ids]) => [first, phraseStart(ids, phrases)])),
    byFirstWord: new Map(
      [...byFirstStem]
        .filter(([first]) => first.startsWith(EXACT))
        .map(([first, ids]) => [first.slice(1), ids]),
    ),
    lexicon: new Lexicon(vocabulary),
    negations: new Set(file.negations.map((n) => stem(n.toLowerCase()))),
    rules,
    facts,
    similarity,
    ngrams,
    domainPhrases,
    termCount: termPhrases.length,
    termsByPhrase,
    rulesByTerm,
  };
}

/**
 * A compiled file as plain data (maps, sets, arrays, typed arrays; shared objects stay shared), for
 * a rules snapshot: the classes are replaced by the models they are rebuilt from.
 */
export type CompiledData = Omit<Compiled, 'lexicon' | 'similarity' | 'ngrams'> & {
  lexicon: LexiconModel;
  similarity: SimilarityModel;
  ngrams: NgramModel;
};

export const compiledData = (c: Compiled): CompiledData => ({
  ...c,
  lexicon: c.lexicon.model,
  similarity: c.similarity.model,
  ngrams: c.ngrams.model,
});

/** The inverse of compiledData: the same matchers, without stemming, indexing or training again. */
export const fromCompiledData = (d: CompiledData): Compiled => ({
  ...d,
  lexicon: new Lexicon(d.lexicon),
  similarity: new SimilarityIndex(d.similarity),
  ngrams: new NgramBayes(d.ngrams),
});
