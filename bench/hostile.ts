// Hostile-input benchmark: the worst time one message of an attacker's shape costs on the paths
// that read user text (classifier, the mention privacy check, the text filed to GitLab, the quoted
// reply), next to a normal message. Every run uses a fresh variant of the shape, so no memo helps.
//   npm run bench:hostile [-- --runs N]
import { parseArgs } from 'node:util';

import { inertMarkdown } from '../src/kinds/gitlab-text';
import { classify } from '../src/routing/classify';
import { loadRules } from '../src/routing/load';
import type { RuleSet } from '../src/routing/types';
import { buildTriageMessage } from '../src/views/triage';
import { looksCustomerSpecific } from '../src/views/privacy';
import { stripInvisible } from '../src/text/invisible';

const SIZE = 40_000;

/** A deterministic pseudo-random generator, so every run of the benchmark sees the same texts. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const letters = (next: () => number, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');

const fit = (unit: string, tail = '') =>
  unit.repeat(Math.ceil((SIZE - tail.length) / unit.length)).slice(0, SIZE - tail.length) + tail;

/** Each shape builds a 40,000-character text (the normal message excepted) from a run number. */
const SHAPES: Array<[string, (run: number) => string]> = [
  [
    'normal message',
    (run) => `can you extend the trial license for my customer ${run}? they need two more weeks`,
  ],
  [
    'random words',
    (run) => {
      const next = random(run + 1);
      const words: string[] = [];
      let length = 0;
      while (length < SIZE) {
        const w = letters(next, 2 + Math.floor(next() * 10));
        words.push(w);
        length += w.length + 1;
      }
      return words.join(' ').slice(0, SIZE);
    },
  ],
  ['one 16,000-letter word', (run) => letters(random(run + 7), 16_000)],
  ['dots then a letter', (run) => fit('.', `x${run}`)],
  ['repeated <#C1|', (run) => fit('<#C1|', String(run))],
  ['a x 40,000', (run) => fit('a', run % 2 ? 'b' : 'c')],
  ['nested emoji', (run) => fit(':a', `:${run}`)],
  ['long URL', (run) => `https://gitlab.com/${run}/${fit('a/').slice(20 + String(run).length)}`],
  ['mentions and markup', (run) => fit('<@U1|@all>*_~`<!here>&lt;', String(run))],
];

function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

interface Worst {
  classify: number;
  privacy: number;
  neutralise: number;
  reply: number;
  /** The median over runs of one message's time on all four paths (noise shows in the worst). */
  medianTotal: number;
}

function measure(make: (run: number) => string, rules: RuleSet, runs: number): Worst {
  const worst: Worst = { classify: 0, privacy: 0, neutralise: 0, reply: 0, medianTotal: 0 };
  const totals: number[] = [];
  for (let run = 0; run < runs; run++) {
    const text = make(run);
    let route = 'unknown';
    const c = time(() => (route = classify(text, rules).route));
    const p = time(() => looksCustomerSpecific(text, route));
    const n = time(() => inertMarkdown(stripInvisible(text)));
    const classification = classify(text, rules);
    const r = time(() => buildTriageMessage({ rules, classification, quoted: text }));
    worst.classify = Math.max(worst.classify, c);
    worst.privacy = Math.max(worst.privacy, p);
    worst.neutralise = Math.max(worst.neutralise, n);
    worst.reply = Math.max(worst.reply, r);
    totals.push(c + p + n + r);
    // A shape that already takes seconds has made its point; more runs only make the wait longer.
    if (c > 1000 && run >= 1) break;
  }
  totals.sort((a, b) => a - b);
  worst.medianTotal = totals[Math.floor(totals.length / 2)] ?? 0;
  return worst;
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
  const runs = Math.max(1, Number(values.runs));
  const rules = loadRules();
  // Warm-up with typos too, so the one-off build of the typo index is not charged to the first shape.
  for (let i = 0; i < 50; i++) classify(`warm up ${i} licnese trail extnesion`, rules);
  console.log(
    `== hostile input (40,000 characters unless noted; worst of ${runs} fresh variants per path, ms; median: one message, all paths)`,
  );
  console.log(
    `${'shape'.padEnd(24)} ${'classify'.padStart(9)} ${'privacy'.padStart(9)} ${'gitlab'.padStart(9)} ${'reply'.padStart(9)} ${'total'.padStart(9)} ${'median'.padStart(9)}`,
  );
  let overall = 0;
  for (const [name, make] of SHAPES) {
    const w = measure(make, rules, runs);
    const total = w.classify + w.privacy + w.neutralise + w.reply;
    overall = Math.max(overall, total);
    const cell = (ms: number) => ms.toFixed(2).padStart(9);
    console.log(
      `${name.padEnd(24)} ${cell(w.classify)} ${cell(w.privacy)} ${cell(w.neutralise)} ${cell(w.reply)} ${cell(total)} ${cell(w.medianTotal)}`,
    );
  }
  console.log(`worst shape, all paths  ${overall.toFixed(2)} ms`);
}

main();
