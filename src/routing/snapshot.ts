// Compiled rules remembered between starts. Compiling the shipped rules file means parsing 800 KB
// of YAML, validating it, stemming thousands of examples and training three scorers: a few hundred
// milliseconds. A start with the same file reads the result back in a few tens instead.
//
// A snapshot is keyed by three things:
// - the rules file's exact content;
// - the code that validates and compiles it: this directory's modules, and the versions of the
//   YAML parser, the schema library and the stemmer;
// - the V8 version whose serializer wrote it.
// A change to any of them compiles again, so a hit is exactly what validating and compiling that
// text would return. Only files that validated and compiled are stored.
//
// Entries are written aside and renamed, so a reader never sees half of one. One that cannot be
// read (torn by a full disk, or from another format) is compiled again and replaced. The cache
// directory is trusted like the code beside it (it lives in the package's node_modules/.cache).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

import type { CompiledData } from './compile';
import type { RulesFile } from './schema';

/** What a snapshot holds: the validated file and what it compiled to. */
export interface RulesSnapshot {
  file: RulesFile;
  compiled: CompiledData;
}

export interface RulesCache {
  /** The snapshot of `text` (the content of `file`), if one was stored by this code. */
  get(file: string, text: string): RulesSnapshot | undefined;
  /** Stores a file that validated and compiled. Never throws: a cache that cannot be written is skipped. */
  set(file: string, text: string, snapshot: RulesSnapshot): void;
}

/** Bump when the stored layout changes. */
const FORMAT = 2;

/** Entries kept per directory (each a few MB): every rules file an operator uses, bounded for the rest. */
const MAX_ENTRIES = 10;

const ENTRY = /^rules-[0-9a-f]+\.snapshot$/;
const KEY_BYTES = 64; // a SHA-256 in hex, before the serialized body

const sha256 = (...parts: string[]): string => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

const versionOf = (pkg: string): string =>
  `${pkg}@${(JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`;

let compilerVersion: string | undefined;
/**
 * The code whose output a snapshot is: every module beside this one (tokenizing, stemming, schema,
 * compiling, training), hashed from its own file, and the libraries they call.
 */
function codeVersion(): string {
  if (compilerVersion) return compilerVersion;
  const extension = path.extname(__filename); // .js when built, .ts under the test runner
  const modules = fs
    .readdirSync(__dirname)
    .filter((name) => path.extname(name) === extension && !name.endsWith(`.d${extension}`))
    .sort();
  const hash = crypto.createHash('sha256');
  for (const name of modules)
    hash
      .update(name)
      .update('\0')
      .update(fs.readFileSync(path.join(__dirname, name)));
  for (const pkg of ['js-yaml', 'zod', 'porter2']) hash.update(versionOf(pkg)).update('\0');
  hash.update(`${FORMAT}\0${process.versions.v8}`);
  return (compilerVersion = hash.digest('hex'));
}

/** Removes the least recently written entries beyond MAX_ENTRIES (files linted once, test files). */
function prune(dir: string): void {
  const entries = fs
    .readdirSync(dir)
    .filter((name) => ENTRY.test(name))
    .map((name) => ({ name, written: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { name } of entries.slice(MAX_ENTRIES)) fs.rmSync(path.join(dir, name), { force: true });
}

/** A body that deserialized to the shape written, not to something else that happened to parse. */
function isSnapshot(value: unknown): value is RulesSnapshot {
  const s = value as Partial<RulesSnapshot> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Array.isArray(s.file?.rules) &&
    Array.isArray(s.compiled?.rules) &&
    // Not instanceof: the deserializer's arrays may come from another realm (a test runner's).
    Object.prototype.toString.call(s.compiled.ngrams?.boosts) === '[object Float64Array]'
  );
}

/**
 * A cache of one file per rules file (and code version) in `dir`: a file's entry is replaced when its
 * content changes, and only the most recently written MAX_ENTRIES entries are kept.
 */
export function fileRulesCache(dir: string): RulesCache {
  const entryPath = (file: string) =>
    path.join(dir, `rules-${sha256(codeVersion(), path.resolve(file)).slice(0, 16)}.snapshot`);
  const keyOf = (text: string) => sha256(codeVersion(), text);
  return {
    get(file, text) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(entryPath(file));
      } catch {
        return undefined; // none yet: compile instead
      }
      if (bytes.toString('latin1', 0, KEY_BYTES) !== keyOf(text)) return undefined;
      try {
        const value: unknown = v8.deserialize(bytes.subarray(KEY_BYTES));
        return isSnapshot(value) ? value : undefined;
      } catch {
        return undefined; // torn or foreign: compile instead
      }
    },
    set(file, text, snapshot) {
      const target = entryPath(file);
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          temporary,
          Buffer.concat([Buffer.from(keyOf(text), 'latin1'), v8.serialize(snapshot)]),
        );
        fs.renameSync(temporary, target);
        prune(dir);
      } catch {
        fs.rm(temporary, { force: true }, () => undefined); // a read-only install: go without a cache
      }
    },
  };
}
