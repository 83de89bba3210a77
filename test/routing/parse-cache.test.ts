import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadRules, RulesError } from '../../src/routing/load';
import { classify } from '../../src/routing/classify';
import type { Compiled } from '../../src/routing/compile';
import { decodeLearned } from '../../src/routing/learned-cache';
import { fileParseCache, type ParseCache } from '../../src/routing/parse-cache';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'rules.yml');
const fixtureText = fs.readFileSync(FIXTURE, 'utf8');

/** A rules file of its own in a fresh directory, and a cache directory beside it. */
function workspace(text = fixtureText): { file: string; cacheDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-cache-'));
  const file = path.join(dir, 'rules.yml');
  fs.writeFileSync(file, text);
  return { file, cacheDir: path.join(dir, 'cache') };
}

const files = (cacheDir: string) => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
/** The parse entries (rules-*.json), and the learned scorers stored beside them (learned-*.bin). */
const entries = (cacheDir: string) => files(cacheDir).filter((name) => name.startsWith('rules-'));
const learnedEntries = (cacheDir: string) => files(cacheDir).filter((name) => name.startsWith('learned-'));

/** Records what the loader asks of a real cache. */
function spied(cache: ParseCache) {
  const calls = { hits: 0, misses: 0, stored: 0 };
  const spy: ParseCache = {
    get(file, text) {
      const found = cache.get(file, text);
      if (found === undefined) calls.misses++;
      else calls.hits++;
      return found;
    },
    set(file, text, parsed) {
      calls.stored++;
      cache.set(file, text, parsed);
    },
  };
  return { spy, calls };
}

describe('the rules parse cache', () => {
  it('stores a parse that validated and serves it on the next load', () => {
    const { file, cacheDir } = workspace();
    const { spy, calls } = spied(fileParseCache(cacheDir, 'parser@1'));

    const first = loadRules(file, spy);
    expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
    expect(entries(cacheDir)).toHaveLength(1);

    const second = loadRules(file, spy);
    expect(calls).toEqual({ hits: 1, misses: 1, stored: 1 });
    expect(second.file).toEqual(first.file);
    expect(second.rules.map((r) => r.id)).toEqual(first.rules.map((r) => r.id));
  });

  it('parses again when the file changed, and replaces its entry', () => {
    const { file, cacheDir } = workspace();
    const cache = fileParseCache(cacheDir, 'parser@1');
    loadRules(file, cache);
    fs.writeFileSync(file, fixtureText.replace(/title: "?[^\n"]*"?/, 'title: "A renamed first route"'));

    const { spy, calls } = spied(cache);
    const rules = loadRules(file, spy);
    expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
    expect(rules.rules[0]?.title).toBe('A renamed first route');
    expect(entries(cacheDir)).toHaveLength(1);
  });

  it('does not reuse a parse made by another parser version', () => {
    const { file, cacheDir } = workspace();
    loadRules(file, fileParseCache(cacheDir, 'parser@1'));
    expect(fileParseCache(cacheDir, 'parser@2').get(file, fixtureText)).toBeUndefined();
    expect(fileParseCache(cacheDir, 'parser@1').get(file, fixtureText)).toBeDefined();
  });

  it('still validates what it serves: a tampered entry fails like a bad file', () => {
    const { file, cacheDir } = workspace();
    const cache = fileParseCache(cacheDir, 'parser@1');
    loadRules(file, cache);
    const entryFile = path.join(cacheDir, entries(cacheDir)[0]!);
    const entry = JSON.parse(fs.readFileSync(entryFile, 'utf8')) as {
      parsed: { rules: Array<{ id: string }> };
    };
    entry.parsed.rules[0]!.id = 'Not A Valid Id';
    fs.writeFileSync(entryFile, JSON.stringify(entry));

    expect(() => loadRules(file, cache)).toThrow(RulesError);
    expect(() => loadRules(file, cache)).toThrow(/ids are lowercase words/);
  });

  it('parses the file when an entry is torn, and writes a good one', () => {
    const { file, cacheDir } = workspace();
    const cache = fileParseCache(cacheDir, 'parser@1');
    loadRules(file, cache);
    const entryFile = path.join(cacheDir, entries(cacheDir)[0]!);
    fs.writeFileSync(entryFile, '{"key": "abc", "pars');

    const { spy, calls } = spied(cache);
    expect(loadRules(file, spy).rules.length).toBeGreaterThan(0);
    expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
    expect(cache.get(file, fixtureText)).toBeDefined();
  });

  it('never stores a file that fails validation', () => {
    const { file, cacheDir } = workspace(fixtureText.replace('version: 1', 'version: 7'));
    expect(() => loadRules(file, fileParseCache(cacheDir, 'parser@1'))).toThrow(RulesError);
    expect(files(cacheDir)).toEqual([]);
  });

  it('loads normally when the cache cannot be written', () => {
    const { file, cacheDir } = workspace();
    fs.writeFileSync(cacheDir, 'a file where the cache directory should be');
    const cache = fileParseCache(cacheDir, 'parser@1');
    expect(loadRules(file, cache).rules.length).toBeGreaterThan(0);
    expect(loadRules(file, cache).rules.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a bounded number of entries, dropping the least recently written', () => {
    const { cacheDir } = workspace();
    const cache = fileParseCache(cacheDir, 'parser@1');
    const longAgo = Date.now() / 1000 - 3600;
    for (let i = 0; i < 25; i++) {
      const before = new Set(entries(cacheDir));
      cache.set(`/rules/${i}.yml`, `text ${i}`, { version: i });
      // Distinct, increasing write times, all older than the next write.
      const added = entries(cacheDir).filter((name) => !before.has(name));
      for (const name of added) fs.utimesSync(path.join(cacheDir, name), longAgo + i, longAgo + i);
    }
    expect(entries(cacheDir)).toHaveLength(20);
    expect(cache.get('/rules/24.yml', 'text 24')).toEqual({ version: 24 });
    expect(cache.get('/rules/5.yml', 'text 5')).toEqual({ version: 5 });
    expect(cache.get('/rules/4.yml', 'text 4')).toBeUndefined();
  });

  it('stores the trained learned scorers, and a restart that loads them answers the same', () => {
    const { file, cacheDir } = workspace();
    const trained = loadRules(file, fileParseCache(cacheDir, 'parser@1'));
    expect(learnedEntries(cacheDir)).toHaveLength(1);
    const cache = fileParseCache(cacheDir, 'parser@1');
    const models = cache.getLearned?.(file, fixtureText);
    expect(models?.ngrams.boosts).toBeInstanceOf(Float64Array);
    expect(models?.similarity.stems.length).toBeGreaterThan(0);

    const restarted = loadRules(file, cache);
    const { ngrams, similarity } = restarted.compiled as Compiled;
    expect(ngrams.model.boosts).toEqual((trained.compiled as Compiled).ngrams.model.boosts);
    expect(similarity.model).toEqual((trained.compiled as Compiled).similarity.model);
    for (const text of [...trained.rules.flatMap((r) => r.examples), 'can i extend my triall?', 'hello'])
      expect(classify(text, restarted)).toEqual(classify(text, trained));
  });

  it('trains again when the stored scorers are torn, for another file content, or another key', () => {
    const { file, cacheDir } = workspace();
    const cache = fileParseCache(cacheDir, 'parser@1');
    loadRules(file, cache);
    const learnedFile = path.join(cacheDir, learnedEntries(cacheDir)[0]!);
    const good = fs.readFileSync(learnedFile);
    expect(cache.getLearned?.(file, `${fixtureText}\n# edited\n`)).toBeUndefined();
    expect(decodeLearned(good, 'another key')).toBeUndefined();

    fs.writeFileSync(learnedFile, good.subarray(0, good.length - 100));
    expect(cache.getLearned?.(file, fixtureText)).toBeUndefined();
    expect(loadRules(file, cache).rules.length).toBeGreaterThan(0);
    expect(fs.readFileSync(learnedFile).equals(good)).toBe(true);
  });

  it('can be turned off', () => {
    const { file } = workspace();
    expect(loadRules(file, null).rules.length).toBeGreaterThan(0);
  });
});
