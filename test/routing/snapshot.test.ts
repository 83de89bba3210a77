import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';

import { classify } from '../../src/routing/classify';
import type { Compiled } from '../../src/routing/compile';
import { loadRules, RulesError } from '../../src/routing/load';
import { fileRulesCache, type RulesCache } from '../../src/routing/snapshot';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'rules.yml');
const fixtureText = fs.readFileSync(FIXTURE, 'utf8');

/** A rules file of its own in a fresh directory, and a cache directory beside it. */
function workspace(text = fixtureText): { file: string; cacheDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-snapshot-'));
  const file = path.join(dir, 'rules.yml');
  fs.writeFileSync(file, text);
  return { file, cacheDir: path.join(dir, 'cache') };
}

const files = (cacheDir: string) => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
const entries = (cacheDir: string) => files(cacheDir).filter((name) => name.endsWith('.snapshot'));

/** Records what the loader asks of a real cache. */
function spied(cache: RulesCache) {
  const calls = { hits: 0, misses: 0, stored: 0 };
  const spy: RulesCache = {
    get(file, text) {
      const found = cache.get(file, text);
      if (found === undefined) calls.misses++;
      else calls.hits++;
      return found;
    },
    set(file, text, snapshot) {
      calls.stored++;
      cache.set(file, text, snapshot);
    },
  };
  return { spy, calls };
}

/** Texts whose answers exercise every scorer, typo repair and the questions. */
const probes = (rules: { rules: Array<{ examples: string[] }> }) => [
  ...rules.rules.flatMap((r) => r.examples),
  'can i extend my triall?',
  'is this for gitlab.com or self-managed?',
  'hello',
  '',
];

describe('the compiled rules snapshot', () => {
  it('stores a file that compiled and serves it on the next load, answering the same', () => {
    const { file, cacheDir } = workspace();
    const { spy, calls } = spied(fileRulesCache(cacheDir));

    const compiled = loadRules(file, spy);
    expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
    expect(entries(cacheDir)).toHaveLength(1);

    const restarted = loadRules(file, spy);
    expect(calls).toEqual({ hits: 1, misses: 1, stored: 1 });
    expect(restarted.file).toEqual(compiled.file);
    expect(restarted.source).toBe(file);
    expect([...restarted.byId.keys()]).toEqual([...compiled.byId.keys()]);
    const a = compiled.compiled as Compiled;
    const b = restarted.compiled as Compiled;
    expect(b.ngrams.model.boosts).toEqual(a.ngrams.model.boosts);
    expect(b.similarity.model).toEqual(a.similarity.model);
    expect(b.lexicon.model).toEqual(a.lexicon.model);
    for (const text of probes(compiled)) expect(classify(text, restarted)).toEqual(classify(text, compiled));
  });

  it('keeps objects shared after a restart: a term is one object in every signal that uses it', () => {
    const { file, cacheDir } = workspace();
    loadRules(file, fileRulesCache(cacheDir));
    const restarted = loadRules(file, fileRulesCache(cacheDir)).compiled as Compiled;
    const terms = restarted.rules.flatMap((r) =>
      r.signals.flatMap((s) => [...(s.any ?? []), ...(s.all ?? [])]),
    );
    const byIndex = new Map<number, object>();
    for (const term of terms) {
      const seen = byIndex.get(term.index);
      if (seen) expect(term).toBe(seen);
      else byIndex.set(term.index, term);
    }
    expect(byIndex.size).toBeGreaterThan(0);
  });

  it('compiles again when the file changed, and replaces its entry', () => {
    const { file, cacheDir } = workspace();
    const cache = fileRulesCache(cacheDir);
    loadRules(file, cache);
    fs.writeFileSync(file, fixtureText.replace(/title: "?[^\n"]*"?/, 'title: "A renamed first route"'));

    const { spy, calls } = spied(cache);
    const rules = loadRules(file, spy);
    expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
    expect(rules.rules[0]?.title).toBe('A renamed first route');
    expect(entries(cacheDir)).toHaveLength(1);
  });

  it('serves nothing for an entry written for another content, and compiles a torn one again', () => {
    const { file, cacheDir } = workspace();
    const cache = fileRulesCache(cacheDir);
    loadRules(file, cache);
    const entryFile = path.join(cacheDir, entries(cacheDir)[0]!);
    const good = fs.readFileSync(entryFile);
    expect(cache.get(file, `${fixtureText}\n# edited\n`)).toBeUndefined();

    for (const torn of [
      good.subarray(0, good.length - 100),
      good.subarray(0, 64),
      Buffer.from('{"key": "ab'),
    ]) {
      fs.writeFileSync(entryFile, torn);
      expect(cache.get(file, fixtureText)).toBeUndefined();
      const { spy, calls } = spied(cache);
      expect(loadRules(file, spy).rules.length).toBeGreaterThan(0);
      expect(calls).toEqual({ hits: 0, misses: 1, stored: 1 });
      expect(fs.readFileSync(entryFile).equals(good)).toBe(true);
    }
  });

  it('serves nothing whose body is not a snapshot, even under the right key', () => {
    const { file, cacheDir } = workspace();
    const cache = fileRulesCache(cacheDir);
    loadRules(file, cache);
    const entryFile = path.join(cacheDir, entries(cacheDir)[0]!);
    const key = fs.readFileSync(entryFile).subarray(0, 64);
    fs.writeFileSync(entryFile, Buffer.concat([key, v8.serialize({ rules: 'nope' })]));
    expect(cache.get(file, fixtureText)).toBeUndefined();
  });

  it('never stores a file that fails validation', () => {
    const { file, cacheDir } = workspace(fixtureText.replace('version: 1', 'version: 7'));
    expect(() => loadRules(file, fileRulesCache(cacheDir))).toThrow(RulesError);
    expect(files(cacheDir)).toEqual([]);
  });

  it('reports a bad file with all its problems every time, however often it is loaded', () => {
    const { file, cacheDir } = workspace(fixtureText.replace(/id: ([a-z-]+)/, 'id: Not A Valid Id'));
    const cache = fileRulesCache(cacheDir);
    expect(() => loadRules(file, cache)).toThrow(/ids are lowercase words/);
    expect(() => loadRules(file, cache)).toThrow(/ids are lowercase words/);
  });

  it('loads normally when the cache cannot be written, leaving no temporary files', () => {
    const { file, cacheDir } = workspace();
    fs.writeFileSync(cacheDir, 'a file where the cache directory should be');
    const cache = fileRulesCache(cacheDir);
    expect(loadRules(file, cache).rules.length).toBeGreaterThan(0);
    expect(loadRules(file, cache).rules.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a bounded number of entries, dropping the least recently written', () => {
    const { file, cacheDir } = workspace();
    const snapshot = fileRulesCache(cacheDir);
    const stored = loadRules(file, snapshot);
    const cache = fileRulesCache(cacheDir);
    const data = cache.get(file, fixtureText)!;
    const longAgo = Date.now() / 1000 - 3600;
    const first = path.join(cacheDir, entries(cacheDir)[0]!);
    fs.utimesSync(first, longAgo - 1, longAgo - 1);
    for (let i = 0; i < 14; i++) {
      const before = new Set(entries(cacheDir));
      cache.set(`/rules/${i}.yml`, `text ${i}`, data);
      // Distinct, increasing write times, all older than the next write.
      for (const name of entries(cacheDir).filter((n) => !before.has(n)))
        fs.utimesSync(path.join(cacheDir, name), longAgo + i, longAgo + i);
    }
    expect(entries(cacheDir)).toHaveLength(10);
    expect(cache.get('/rules/13.yml', 'text 13')?.file).toEqual(stored.file);
    expect(cache.get('/rules/4.yml', 'text 4')).toBeDefined();
    expect(cache.get('/rules/3.yml', 'text 3')).toBeUndefined();
    expect(fs.existsSync(first)).toBe(false); // the oldest of all
  });

  it('can be turned off', () => {
    const { file, cacheDir } = workspace();
    expect(loadRules(file, null).rules.length).toBeGreaterThan(0);
    expect(files(cacheDir)).toEqual([]);
  });
});
