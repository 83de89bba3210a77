import { calibrate, fitCalibration, IDENTITY_CALIBRATION } from '../../src/routing/calibration';
import { evaluate, parseLabelled } from '../../src/routing/evaluate';
import { reliability, rightAfterAnswer } from '../../src/routing/reliability';
import { classify } from '../../src/routing/classify';
import { handbookRules } from '../helpers/rules';
import fs from 'node:fs';
import path from 'node:path';

const input = (share: number, agree = true) => ({
  share,
  margin: share / 2,
  agree,
  signalled: true,
  words: 8,
  votes: agree ? 4 : 1,
  contradicted: false,
});

describe('calibration', () => {
  it('the identity map returns the softmax share', () => {
    for (const share of [0.1, 0.5, 0.9])
      expect(calibrate(IDENTITY_CALIBRATION, input(share))).toBeCloseTo(share, 3);
  });

  it('fits a map that brings confidence to the observed share right', () => {
    // Answers at share 0.9 are right half of the time, at share 0.3 a tenth of the time.
    const samples = [
      ...Array.from({ length: 100 }, (_, i) => ({ ...input(0.9), right: i % 2 === 0 })),
      ...Array.from({ length: 100 }, (_, i) => ({ ...input(0.3, false), right: i % 10 === 0 })),
    ];
    const fitted = fitCalibration(samples);
    expect(calibrate(fitted, input(0.9))).toBeCloseTo(0.5, 1);
    expect(calibrate(fitted, input(0.3, false))).toBeCloseTo(0.1, 1);
  });
});

describe('reliability on a labelled set', () => {
  const rules = handbookRules();
  const blind = parseLabelled(fs.readFileSync(path.join(__dirname, 'calibration-hard.jsonl'), 'utf8'));
  const ev = evaluate(blind, rules);
  const r = reliability(ev.predictions);

  it('buckets every answer once and reports an ECE between 0 and 1', () => {
    expect(r.buckets.reduce((n, b) => n + b.count, 0)).toBe(blind.length);
    for (const b of r.buckets) expect(b.meanConfidence).toBeGreaterThanOrEqual(b.from - 1e-9);
    expect(r.ece).toBeGreaterThanOrEqual(0);
    expect(r.ece).toBeLessThan(0.2);
  });

  it('counts a question answered truthfully as the route its answer selects', () => {
    const text = 'their trial ends tomorrow and legal needs another week';
    const result = classify(text, rules);
    const asSelfManaged = {
      example: { text, route: 'internal-request/sm-extend-trial' },
      result,
      correct: false,
      inTop3: true,
    };
    expect(result.question).toBeDefined();
    expect(rightAfterAnswer(asSelfManaged)).toBe(true);
    expect(r.top1AfterAnswer).toBeGreaterThanOrEqual(ev.top1);
  });
});
