import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { renderAnswer } from '../../src/routing/answer';
import { loadRules, parseRules } from '../../src/routing/load';
import { FORM_ROUTE_IDS, handbookRules, rulesProblems as problems } from '../helpers/rules';
import { ONCALL_ROUTES, REFUSE_ROUTES, ROUTE_IDS } from './route-ids';

describe('the handbook rules file', () => {
  const rules = handbookRules();

  it('has exactly the catalogue route ids, in catalogue order', () => {
    expect(rules.rules.map((r) => r.id)).toEqual([...ROUTE_IDS]);
  });

  it('gives each route the catalogue action', () => {
    const byAction = (action: string) => rules.rules.filter((r) => r.action === action).map((r) => r.id);
    expect(byAction('form').sort()).toEqual([...FORM_ROUTE_IDS].sort());
    expect(byAction('refuse').sort()).toEqual([...REFUSE_ROUTES].sort());
    expect(byAction('oncall').sort()).toEqual([...ONCALL_ROUTES].sort());
  });

  it.each(ROUTE_IDS.map((id) => [id]))('%s renders a complete answer with a handbook link', (id) => {
    const rule = rules.byId.get(id)!;
    const answer = renderAnswer(rule, rules);
    expect(answer).not.toMatch(/\{\{/);
    expect(answer.length).toBeGreaterThan(40);
    expect(rule.link).toMatch(/^https:\/\/about\.gitlab\.com\/handbook\/support\//);
  });

  it.each(ROUTE_IDS.filter((id) => id !== 'unknown').map((id) => [id]))(
    '%s has signals and at least 3 examples',
    (id) => {
      const rule = rules.byId.get(id)!;
      expect(rule.signals.length).toBeGreaterThan(0);
      expect(rule.examples.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('loads from RULES_FILE-style paths and reports a missing file', () => {
    expect(() => loadRules('/nonexistent/rules.yml')).toThrow(/cannot read the file: ENOENT/);
  });
});

/** A small valid rules file; tests break one thing at a time. */
const validYaml = `
version: 1
destinations:
  questions: "<https://example.slack.com/q|#questions>"
concepts:
  saas: [gitlabcom, saas]
rules:
  - id: general-question
    title: Product questions
    section: Should I Contact GitLab Support?
    link: https://about.gitlab.com/handbook/support/internal-support/
    action: answer
    answer: "Ask in {{questions}} so everyone can contribute."
    signals:
      - {any: ["how do i", "@saas"], weight: 2}
    examples: ["how do I use merge trains"]
  - id: star
    title: Escalate a ticket
    section: I Want to Escalate a Ticket
    link: https://about.gitlab.com/handbook/support/internal-support/
    action: form
    answer: "Open a Support Ticket Attention Request."
    form: {kind: star}
    signals:
      - {all: ["ticket", "stalled"], weight: 4}
`;

describe('rules file validation', () => {
  it('accepts a valid file', () => {
    const rules = parseRules(validYaml);
    expect(rules.rules.map((r) => r.id)).toEqual(['general-question', 'star']);
  });

  it('names the rule id, the field and the problem', () => {
    expect(problems(validYaml.replace('weight: 4', 'weight: "heavy"'))).toEqual([
      expect.stringMatching(/^rule star: signals\[0\]\.weight: .*number/i),
    ]);
  });

  it('reports every problem at once', () => {
    const broken = validYaml
      .replace('action: answer', 'action: shout')
      .replace('form: {kind: star}', '')
      .replace(
        'link: https://about.gitlab.com/handbook/support/internal-support/\n    action: form',
        'link: not-a-url\n    action: form',
      );
    const found = problems(broken);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rule general-question: action: /),
        expect.stringMatching(/^rule star: link: /),
        expect.stringMatching(/^rule star: form: a form route needs a "form" block/),
      ]),
    );
  });

  it('reports schema mistakes and cross-references together, with near-miss names', () => {
    const broken = validYaml
      .replace('weight: 4', 'weight: "heavy"')
      .replace(
        'concepts:\n  saas: [gitlabcom, saas]',
        'concepts:\n  saas: [gitlabcom, saas]\n  selfmanaged: [self managed]',
      )
      .replace('"@saas"', '"@selfmanged"')
      .replace('{{questions}}', '{{questoins}}');
    expect(problems(broken)).toEqual([
      expect.stringMatching(/^rule star: signals\[0\]\.weight: .*number/i),
      'rule general-question: signals[0]: unknown concept @selfmanged. Did you mean @selfmanaged?',
      'rule general-question: answer: uses {{questoins}} but destinations has no "questoins". Did you mean {{questions}}?',
    ]);
  });

  it('rejects an answer placeholder with no destination', () => {
    expect(problems(validYaml.replace('{{questions}}', '{{missing_channel}}'))).toEqual([
      'rule general-question: answer: uses {{missing_channel}} but destinations has no "missing_channel"',
    ]);
  });

  it('rejects an unknown concept with the rule id and the signal', () => {
    expect(problems(validYaml.replace('"@saas"', '"@selfmanaged"'))).toEqual([
      'rule general-question: signals[0]: unknown concept @selfmanaged',
    ]);
  });

  it('reports every bad phrase and concept, not just the first', () => {
    const broken = validYaml
      .replace('"@saas"', '"@nope"')
      .replace('["ticket", "stalled"]', '["* ticket", "stalled"]');
    expect(problems(broken)).toEqual([
      'rule general-question: signals[0]: unknown concept @nope',
      'rule star: signals[0]: phrase "* ticket" has no words or starts/ends with "*"',
    ]);
  });

  it('rejects a concept that refers to itself', () => {
    const looping = validYaml.replace('saas: [gitlabcom, saas]', 'saas: [gitlabcom, "@saas"]');
    expect(problems(looping)).toEqual([
      'rule general-question: signals[0]: concept @saas refers to itself (saas -> saas)',
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(problems(validYaml.replace('- id: star', '- id: general-question'))).toContain(
      'rule general-question: id: used more than once',
    );
  });

  it('rejects unknown keys, so typos in field names do not pass silently', () => {
    expect(problems(validYaml.replace('examples:', 'exampels:'))).toEqual([
      expect.stringMatching(/^rule general-question: .*exampels/),
    ]);
  });

  it('takes examples one per line of a block, as written, skipping blank lines', () => {
    const block = validYaml.replace(
      'examples: ["how do I use merge trains"]',
      [
        'examples: |',
        '      how do I use merge trains',
        '',
        '      quick one: is #support-team the place for <@U123> questions?',
        '      "quoted" and `code` stay as typed',
      ].join('\n'),
    );
    expect(parseRules(block).byId.get('general-question')?.examples).toEqual([
      'how do I use merge trains',
      'quick one: is #support-team the place for <@U123> questions?',
      '"quoted" and `code` stay as typed',
    ]);
  });

  it('still takes examples as a YAML list', () => {
    expect(parseRules(validYaml).byId.get('general-question')?.examples).toEqual([
      'how do I use merge trains',
    ]);
  });

  it('names an example that is too short', () => {
    const short = validYaml.replace(
      'examples: ["how do I use merge trains"]',
      'examples: |\n      ok\n      fine example',
    );
    expect(problems(short)).toEqual([
      'rule general-question: examples[0]: "ok" is too short for an example (3+ characters)',
    ]);
  });

  it('reports YAML syntax errors', () => {
    expect(problems('rules: [unclosed')[0]).toMatch(/^YAML: /);
  });

  it('loads an operator file from disk', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), 'mine.yml');
    fs.writeFileSync(file, validYaml);
    expect(loadRules(file).source).toBe(file);
  });
});
