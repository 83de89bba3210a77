// The labelled sets bench:routing measures, and the fixed split of the shared hard set into a part
// that may be studied (its misses read, to learn which distinction failed) and a part that is only
// measured. The split is by a hash of the text, so it never changes with the file's order.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { type LabelledExample, parseLabelled } from '../src/routing/evaluate';

export interface LabelledSet {
  name: string;
  file: string;
  examples: LabelledExample[];
}

/** Half of the texts, fixed by the first byte of their SHA-1: the studied part. */
export const isStudied = (text: string): boolean =>
  ((crypto.createHash('sha1').update(text).digest()[0] as number) & 1) === 0;

export function defaultSetFiles(root: string): Array<[string, string]> {
  const shared = path.join(root, '..', 'shared', 'routing');
  const own = path.join(root, 'test', 'routing');
  return [
    ['dev', path.join(shared, 'dev.jsonl')],
    ['dev-hard', path.join(shared, 'dev-hard.jsonl')],
    ['calibration set', path.join(own, 'calibration-hard.jsonl')],
    ['own phrasings', path.join(own, 'phrasings.jsonl')],
    ['own held-out', path.join(own, 'holdout.jsonl')],
    ['own blind', path.join(own, 'blind.jsonl')],
  ];
}

/** Reads the sets that exist; dev-hard also yields its studied and measured halves. */
export function loadSets(files: Array<[string, string]>, log: (line: string) => void): LabelledSet[] {
  const sets: LabelledSet[] = [];
  for (const [name, file] of files) {
    if (!fs.existsSync(file)) {
      log(`\n== ${name}: ${file} not found, skipped`);
      continue;
    }
    const examples = parseLabelled(fs.readFileSync(file, 'utf8'));
    sets.push({ name, file, examples });
    if (name === 'dev-hard') {
      sets.push({ name: 'dev-hard studied half', file, examples: examples.filter((e) => isStudied(e.text)) });
      sets.push({
        name: 'dev-hard measured half',
        file,
        examples: examples.filter((e) => !isStudied(e.text)),
      });
    }
  }
  return sets;
}
