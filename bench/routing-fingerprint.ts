// Routing fingerprint: one SHA-256 over every classification (route, confidence, alternatives,
// evidence, question) of the labelled sets and the rules' own examples, so that a change meant to
// make the classifier faster can be shown to change no answer.
//   npm run build --silent && node dist/bench/routing-fingerprint.js [--rules FILE]
// Each text is classified twice, the second time with the classifier's memos warm, and both answers
// count: a memo that changed an answer would change the hash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { classify } from '../src/routing/classify';
import { parseLabelled } from '../src/routing/evaluate';
import { loadRules, packageRoot } from '../src/routing/load';

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

function main(): void {
  const { values } = parseArgs({ options: { rules: { type: 'string' } } });
  const root = packageRoot();
  const rules = loadRules(values.rules, null);
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
  const own = rules.rules.flatMap((r) => r.examples);
  console.log(`rule examples: ${own.length} texts`);
  texts.push(...own);
  const hash = crypto.createHash('sha256');
  for (let pass = 0; pass < 2; pass++)
    for (const text of texts) {
      const c = classify(text, rules);
      hash.update(
        JSON.stringify([c.route, c.confidence, c.alternatives, c.evidence, c.question ?? null]) + '\n',
      );
    }
  console.log(`fingerprint ${hash.digest('hex')} (${texts.length} texts, classified twice)`);
}

main();
