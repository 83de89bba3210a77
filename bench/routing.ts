// Routing benchmark: accuracy and calibration on labelled sets, speed on one core, rules load time.
//   npm run bench:routing [-- --set NAME=FILE ...] [--only] [--rules FILE]
//   npm run bench:routing -- --calibrate [--fit NAME ...] [--precision 0.985]   fit the calibration
// Default sets (see routing-sets.ts): the shared dev and dev-hard sets (dev-hard also as its studied
// and measured halves), the calibration set, and the project's own phrasings, held-out and blind
// sets. --set adds a set; --only measures the --set sets alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { classify } from '../src/routing/classify';
import { type Evaluation, evaluate, HIGH_CONFIDENCE } from '../src/routing/evaluate';
import { loadRules, packageRoot } from '../src/routing/load';
import { reliability } from '../src/routing/reliability';
import type { RuleSet } from '../src/routing/types';
import { CROSS_VALIDATED, runCalibration } from './routing-calibrate';
import { defaultSetFiles, loadSets } from './routing-sets';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(name: string, ev: Evaluation): void {
  console.log(`\n== ${name}: ${ev.total} labelled requests`);
  console.log(`top-1 accuracy        ${pct(ev.top1)}`);
  console.log(`top-3 accuracy        ${pct(ev.top3)}`);
  console.log(`family accuracy       ${pct(ev.family)}`);
  console.log(`abstain rate          ${pct(ev.abstainRate)}  (answered "unknown")`);
  console.log(
    `confident-wrong rate  ${pct(ev.confidentWrongRate)}  (confidence >= ${HIGH_CONFIDENCE} and wrong)`,
  );
  console.log(
    `precision at >= ${HIGH_CONFIDENCE}    ${pct(ev.precisionAtHighConfidence)} of ${pct(ev.highConfidenceShare)} answered that confidently`,
  );
  const weak = [...ev.recallByRoute]
    .map(([route, r]) => ({ route, recall: r.right / r.total, ...r }))
    .filter((r) => r.recall < 1)
    .sort((a, b) => a.recall - b.recall);
  console.log(`recall per route      ${ev.recallByRoute.size - weak.length} routes at 100%; below 100%:`);
  for (const r of weak)
    console.log(`  ${r.route.padEnd(48)} ${pct(r.recall).padStart(6)}  (${r.right}/${r.total})`);
  console.log('most frequent confusions (expected -> answered):');
  for (const c of ev.confusions.slice(0, 10)) console.log(`  ${c.count} x ${c.expected} -> ${c.got}`);
  reportReliability(ev);
}

function reportReliability(ev: Evaluation): void {
  const r = reliability(ev.predictions);
  console.log(`question rate         ${pct(r.questionRate)}  (asks its clarifying question)`);
  console.log(`top-1 after answering ${pct(r.top1AfterAnswer)}  (each question answered truthfully)`);
  console.log(`calibration error     ${r.ece.toFixed(3)}  (ECE over 0.1-wide confidence buckets)`);
  console.log('reliability           confidence   count  share right  mean confidence');
  for (const b of r.buckets)
    console.log(
      `                      ${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.count).padStart(8)}  ${pct(b.right / b.count).padStart(11)}  ${b.meanConfidence.toFixed(2).padStart(15)}`,
    );
}

function speed(texts: string[], rules: RuleSet): void {
  for (const t of texts) classify(t, rules); // warm-up: JIT and the typo-repair memo
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  let count = 0;
  while (Number(process.hrtime.bigint() - started) < 2e9) {
    for (const t of texts) {
      const t0 = process.hrtime.bigint();
      classify(t, rules);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      count++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  console.log(`\n== speed (one core, ${count} classifications of ${texts.length} distinct texts)`);
  console.log(`throughput            ${Math.round(count / seconds)} messages/s`);
  console.log(
    `latency p50 / p99     ${at(0.5).toFixed(3)} ms / ${at(0.99).toFixed(3)} ms (max ${at(1).toFixed(3)} ms)`,
  );
}

/**
 * Rules load time, in a fresh process as at boot (median of 9), two ways:
 * - a start with the rules compiled before: the snapshot a previous start (or the image build)
 *   stored is read back (snapshot.ts);
 * - the first start after the rules file changed: read, parse, validate, compile, store.
 * Warm: compiling again in this process, without the cache (median of 9).
 */
function loadTime(file: string | undefined): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const target = file ? JSON.stringify(file) : 'undefined';
  const moduleOf = (name: string) => JSON.stringify(require.resolve(`../src/routing/${name}`));
  const cold = (start: 'compiled' | 'changed') =>
    median(
      Array.from({ length: 9 }, () => {
        // After a change nothing is stored yet: an empty cache directory of its own.
        const emptyDir =
          start === 'changed' ? fs.mkdtempSync(path.join(os.tmpdir(), 'rules-cache-')) : undefined;
        const cache = emptyDir
          ? `require(${moduleOf('snapshot')}).fileRulesCache(${JSON.stringify(emptyDir)})`
          : 'undefined';
        const probe =
          `const {loadRules}=require(${moduleOf('load')});const cache=${cache};` +
          `const t=process.hrtime.bigint();loadRules(${target},cache);` +
          `process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
        try {
          return Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }));
        } finally {
          if (emptyDir) fs.rmSync(emptyDir, { recursive: true, force: true });
        }
      }),
    );
  loadRules(file); // makes sure the cache holds this file's snapshot
  const compiled = cold('compiled');
  const changed = cold('changed');
  const warm = Array.from({ length: 9 }, () => {
    const t0 = process.hrtime.bigint();
    loadRules(file, null);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  console.log(
    `rules load, cold      ${compiled.toFixed(1)} ms start, rules compiled before (fresh process, median of 9)`,
  );
  console.log(
    `                      ${changed.toFixed(1)} ms first start after a rules change (parse, validate, compile, store)`,
  );
  console.log(`rules load, warm      ${median(warm).toFixed(1)} ms (read, parse, validate, compile)`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', multiple: true },
      only: { type: 'boolean' },
      rules: { type: 'string' },
      calibrate: { type: 'boolean' },
      fit: { type: 'string', multiple: true },
      precision: { type: 'string' },
    },
  });
  const root = packageRoot();
  const extra = (values.set ?? []).map((s) => {
    const at = s.indexOf('=');
    return (at > 0 ? [s.slice(0, at), s.slice(at + 1)] : [path.basename(s), s]) as [string, string];
  });
  const files = values.only ? extra : [...defaultSetFiles(root), ...extra];
  const rules = loadRules(values.rules);
  const sets = loadSets(files, (line) => console.log(line));
  if (values.calibrate) {
    const precision = values.precision ? Number(values.precision) : undefined;
    const fit = values.fit ?? ['dev-hard studied half', 'calibration set', CROSS_VALIDATED];
    runCalibration(rules, sets, fit, values.rules, precision);
    return;
  }
  const allTexts: string[] = [];
  for (const set of sets) {
    if (!set.name.startsWith('dev-hard ')) allTexts.push(...set.examples.map((e) => e.text));
    report(set.name, evaluate(set.examples, rules));
  }
  const examples = rules.rules.flatMap((r) => r.examples.map((text) => ({ text, route: r.id })));
  const training = evaluate(examples, rules);
  console.log(
    `\n== rule examples (the rules' own, a sanity check): top-1 ${pct(training.top1)} of ${training.total}`,
  );
  speed(allTexts.length ? allTexts : examples.map((e) => e.text), rules);
  loadTime(values.rules);
}

main();
