// The trained learned scorers (TF-IDF index, word naive Bayes, n-gram naive Bayes) stored next to the
// parse cache, so that a restart with unchanged rules loads a few typed arrays instead of stemming
// 1,500 examples and counting their n-grams. An entry is keyed by the rules file's exact content
// and by the code that trains the scorers (a hash of its source files): a change to either trains
// again, so the cache can make a load faster but never different. The arrays are stored as their
// bytes (doubles bit for bit), after a small JSON header naming them.
import crypto from 'node:crypto';
import fs from 'node:fs';

import type { NgramModel } from './ngrams';
import type { SimilarityModel } from './similarity';

export interface LearnedModels {
  similarity: SimilarityModel;
  ngrams: NgramModel;
}

/** Bump when the stored layout changes. */
const FORMAT = 1;
const ALIGN = 8;

/**
 * The code whose output the entry is: tokenizing, stemming, stopwords and both trainers. Hashed
 * from the loaded modules' own files, so an upgrade of any of them retrains.
 */
const TRAINER_MODULES = ['./normalize', './lexicon', './similarity', './ngrams', './compile', './schema'];

let trainerVersion: string | undefined;
function codeVersion(): string {
  if (trainerVersion) return trainerVersion;
  const hash = crypto.createHash('sha256');
  for (const name of [...TRAINER_MODULES.map((m) => require.resolve(m)), require.resolve('porter2')])
    hash.update(fs.readFileSync(name)).update('\0');
  return (trainerVersion = hash.digest('hex'));
}

/**
 * Names the entry by the file and the trainer code, so that two builds sharing one cache directory
 * (the compiled bot and its tests, say) keep an entry each instead of replacing each other's.
 */
export const learnedName = (file: string): string =>
  crypto.createHash('sha256').update(`${codeVersion()}\0${file}`).digest('hex').slice(0, 16);

export const learnedKey = (text: string): string =>
  crypto.createHash('sha256').update(`${FORMAT}\0${codeVersion()}\0`).update(text).digest('hex');

type Kind = 'i32' | 'f64';
interface Header {
  key: string;
  strings: Record<string, string[]>;
  arrays: Array<[name: string, kind: Kind, length: number]>;
}

/** Every field of both models, flattened to "similarity.idf" names. */
function fields(models: LearnedModels): Array<[string, string[] | Int32Array | Float64Array]> {
  const out: Array<[string, string[] | Int32Array | Float64Array]> = [];
  for (const [model, record] of Object.entries(models) as Array<[string, Record<string, unknown>]>)
    for (const [name, value] of Object.entries(record))
      out.push([`${model}.${name}`, value as string[] | Int32Array | Float64Array]);
  return out;
}

const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

export function encodeLearned(key: string, models: LearnedModels): Buffer {
  const header: Header = { key, strings: {}, arrays: [] };
  const bodies: Buffer[] = [];
  for (const [name, value] of fields(models)) {
    if (Array.isArray(value)) {
      header.strings[name] = value;
      continue;
    }
    header.arrays.push([name, value instanceof Int32Array ? 'i32' : 'f64', value.length]);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    bodies.push(bytes, Buffer.alloc(padded(bytes.length) - bytes.length));
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(ALIGN);
  length.writeUInt32LE(json.length, 0);
  return Buffer.concat([length, json, Buffer.alloc(padded(json.length) - json.length), ...bodies]);
}

/** The models stored under `key`, or undefined when the bytes hold another key or are torn. */
export function decodeLearned(bytes: Buffer, key: string): LearnedModels | undefined {
  try {
    const jsonLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', ALIGN, ALIGN + jsonLength)) as Header;
    if (header.key !== key) return undefined;
    const models: Record<string, Record<string, unknown>> = {};
    const put = (name: string, value: unknown) => {
      const [model, field] = name.split('.') as [string, string];
      (models[model] ??= {})[field] = value;
    };
    for (const [name, value] of Object.entries(header.strings)) put(name, value);
    let at = ALIGN + padded(jsonLength);
    for (const [name, kind, length] of header.arrays) {
      const size = length * (kind === 'i32' ? 4 : 8);
      if (at + size > bytes.length) return undefined;
      // Copied out, so each array starts aligned whatever the file buffer's offset.
      const own = new Uint8Array(size);
      own.set(bytes.subarray(at, at + size));
      put(name, kind === 'i32' ? new Int32Array(own.buffer) : new Float64Array(own.buffer));
      at += padded(size);
    }
    return models as unknown as LearnedModels;
  } catch {
    return undefined;
  }
}
