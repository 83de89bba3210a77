// Routing fingerprint: one SHA-256 over every classification (route, confidence, alternatives,
// evidence, question) of the labelled sets and the rules' own examples, so that a change meant to
// make the classifier faster can be shown to change no answer.
//   npm run build --silent && node dist/bench/routing-fingerprint.js [--rules FILE]
// Each text is classified twice, the second time with the classifier's memos warm, and both answers
// count: a memo that changed an answer would change the hash. The hash is printed twice: for rules
// compiled at load, and for rules that come back from the snapshot a first start stored (a restart);
// the two must be equal.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { classify } from '../src/routing/classify';
import { parseLabelled } from '../src/routing/evaluate';
import { DEFAULT_RULES_FILE, loadRules, packageRoot } from '../src/routing/load';
import { fileRulesCache } from '../src/routing/snapshot';
import type { RuleSet } from '../src/routing/types';

function setFiles(root: string): string[] {
  const shared = path.join(root, '..', 'shared', 'routing');
  const own = path.join(root, 'test', 'routing');
  const ownSets = fs
    .readdirSync(own)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(own, name));
  return [path.join(shared, 'dev.jsonl'), path.join(shared, 'dev-hard.jsonl'), ...ownSets];
}

function fingerprint(texts: string[], rules: RuleSet): string {
  const hash = crypto.createHash('sha256');
  for (let pass = 0; pass < 2; pass++)
    for (const text of texts) {
      const c = classify(text, rules);
      hash.update(
        JSON.stringify([c.route, c.confidence, c.alternatives, c.evidence, c.question ?? null]) + '\n',
      );
    }
  return hash.digest('hex');
}

/** The rules as a restart loads them: from the snapshot a first start stored. */
function restartedRules(file: string | undefined): RuleSet {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-fingerprint-'));
  try {
    loadRules(file, fileRulesCache(dir));
    const cache = fileRulesCache(dir);
    if (!cache.get(file ?? DEFAULT_RULES_FILE, fs.readFileSync(file ?? DEFAULT_RULES_FILE, 'utf8')))
      throw new Error('the first load stored no snapshot');
    return loadRules(file, cache);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const { values } = parseArgs({ options: { rules: { type: 'string' } } });
  const root = packageRoot();
  const texts: string[] = [];
  for (const file of setFiles(root)) {
    if (!fs.existsSync(file)) {
      console.log(`${path.relative(root, file)}: not found, skipped`);
      continue;
    }
    const examples = parseLabelled(fs.readFileSync(file, 'utf8'));
    console.log(`${path.relative(root, file)}: ${examples.length} texts`);
    texts.push(...examples.map((e) => e.text));
  }
  const trained = loadRules(values.rules, null);
  const own = trained.rules.flatMap((r) => r.examples);
  console.log(`rule examples: ${own.length} texts`);
  texts.push(...own);
  console.log(`fingerprint ${fingerprint(texts, trained)} (${texts.length} texts, classified twice)`);
  console.log(`restarted   ${fingerprint(texts, restartedRules(values.rules))} (from the stored snapshot)`);
}

main();
