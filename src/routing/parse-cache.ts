// Remembers what a rules file parsed to, keyed by the file's exact content, so that a restart with
// unchanged rules skips the YAML parse: on a cold start it is the slowest step of loading them.
// The caller still validates what comes back on every load, and stores only parses that validated,
// so the cache can make a load faster but never different. It cannot go stale: any change to the
// file (or to the YAML parser's version) changes the key and the file is parsed again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { decodeLearned, encodeLearned, learnedKey, type LearnedModels, learnedName } from './learned-cache';

/** Bump when the stored shape changes. */
const FORMAT = 1;

/** Entries kept per directory: enough for every rules file an operator uses, bounded for the rest. */
const MAX_ENTRIES = 20;

export interface ParseCache {
  /** What `text` (the content of `file`) parsed to last time, if it was stored. */
  get(file: string, text: string): unknown;
  /** Stores the parse of a file that validated. Never throws: a cache that cannot be written is skipped. */
  set(file: string, text: string, parsed: unknown): void;
  /** The learned scorers trained from this content of `file`, if they were stored (learned-cache.ts). */
  getLearned?(file: string, text: string): LearnedModels | undefined;
  /** Stores them; never throws, like set. */
  setLearned?(file: string, text: string, models: LearnedModels): void;
}

interface Entry {
  key: string;
  parsed: unknown;
}

const RULES_ENTRY = /^rules-[0-9a-f]+\.json$/;
const LEARNED_ENTRY = /^learned-[0-9a-f]+\.bin$/;

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** Removes the least recently written entries beyond MAX_ENTRIES (files linted once, test files). */
function prune(dir: string, pattern: RegExp): void {
  const entries = fs
    .readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => ({ name, written: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { name } of entries.slice(MAX_ENTRIES)) fs.rmSync(path.join(dir, name), { force: true });
}

/**
 * A cache of one JSON file per rules file in `dir`: a file's entry is replaced when its content
 * changes, and only the most recently written MAX_ENTRIES entries are kept.
 */
export function fileParseCache(dir: string, parserVersion: string): ParseCache {
  const entryPath = (file: string) => path.join(dir, `rules-${sha256(path.resolve(file)).slice(0, 16)}.json`);
  const learnedPath = (file: string) => path.join(dir, `learned-${learnedName(path.resolve(file))}.bin`);
  const keyOf = (text: string) => sha256(`${FORMAT}\0${parserVersion}\0${text}`);
  /** Written aside and renamed, so a reader never sees half an entry. */
  const write = (target: string, content: string | Buffer, pattern: RegExp) => {
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(temporary, content);
      fs.renameSync(temporary, target);
      prune(dir, pattern);
    } catch {
      fs.rm(temporary, { force: true }, () => undefined); // a read-only install: go without a cache
    }
  };
  return {
    get(file, text) {
      let entry: Partial<Entry>;
      try {
        entry = JSON.parse(fs.readFileSync(entryPath(file), 'utf8')) as Partial<Entry>;
      } catch {
        return undefined; // none yet, unreadable or torn: parse the file instead
      }
      return entry.key === keyOf(text) ? entry.parsed : undefined;
    },
    set(file, text, parsed) {
      write(entryPath(file), JSON.stringify({ key: keyOf(text), parsed } satisfies Entry), RULES_ENTRY);
    },
    getLearned(file, text) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(learnedPath(file));
      } catch {
        return undefined; // none yet: train instead
      }
      return decodeLearned(bytes, learnedKey(text));
    },
    setLearned(file, text, models) {
      write(learnedPath(file), encodeLearned(learnedKey(text), models), LEARNED_ENTRY);
    },
  };
}
