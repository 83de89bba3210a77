// End to end through the built CLI, exactly as other tools call it: `support-router classify --jsonl`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'support-router.js');
// A clean environment: the CLI must work without any Slack, GitLab or Zendesk credentials.
const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir() };

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: os.tmpdir(), env, input, encoding: 'utf8' });
}

beforeAll(() => {
  // Builds dist/ when it is missing or stale, the same way `npx support-router` does.
  execFileSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(root, 'bin', 'ensure-built.js'))})()`],
    {
      stdio: 'inherit',
    },
  );
}, 120_000);

describe('support-router classify --jsonl', () => {
  it('writes one contract line per input line, in order, with exactly the contract keys', () => {
    const texts = [
      'who is cmoc right now',
      'hey',
      'the activation code for their self-managed instance never arrived',
      '<!channel> <@U123> can we extend the trial on https://gitlab.com/acme for 2 more weeks?',
    ];
    const out = run(['classify', '--jsonl'], texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.route)).toEqual([
      'oncall/cmoc',
      'unknown',
      'internal-request/sm-license-not-received',
      'internal-request/saas-extend-trial',
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['route', 'confidence', 'alternatives']);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
      for (const alt of line.alternatives) expect(Object.keys(alt)).toEqual(['route', 'confidence']);
    }
  });

  it('keeps the output aligned when a line is not valid JSON', () => {
    const out = run(['classify', '--jsonl'], '{"text":"who is cmoc"}\nnot json\n{"text":"hey"}\n');
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.route)).toEqual(['oncall/cmoc', 'unknown', 'unknown']);
    expect(lines[1].error).toMatch(/expected/);
  });

  it('handles a large batch', () => {
    const input = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ text: `who is cmoc ${i}` })).join(
      '\n',
    );
    const out = run(['classify', '--jsonl'], input);
    expect(out.stdout.trim().split('\n')).toHaveLength(2000);
  });
});

describe('support-router classify', () => {
  it('explains the route and shows the answer', () => {
    const out = run(['classify', 'who is on call for self-managed support?']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^route: +oncall\/support +\(confidence [01]\.\d\d, high\)/m);
    expect(out.stdout).toMatch(/^why: /m);
    expect(out.stdout).toContain('/chatops run oncall support');
  });

  it('prints one JSON object with --json', () => {
    const out = run(['classify', '--json', 'captcha on every gitlab.com comment']);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({ route: 'recaptcha', action: 'answer' });
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('includes the band, and the clarifying question when the bot would ask one, with --json', () => {
    const out = run(['classify', '--json', 'their trial ends tomorrow and legal needs another week']);
    const result = JSON.parse(out.stdout);
    expect(result.band).toBe('medium');
    expect(result.question).toEqual({
      text: 'Is this for GitLab.com or a self-managed instance?',
      options: [
        { label: 'GitLab.com', routes: expect.arrayContaining(['internal-request/saas-extend-trial']) },
        { label: 'Self-managed', routes: expect.arrayContaining(['internal-request/sm-extend-trial']) },
      ],
    });
    const sure = JSON.parse(run(['classify', '--json', 'captcha on every gitlab.com comment']).stdout);
    expect(sure.question).toBeUndefined();
  });

  it('fails with usage when there is no text', () => {
    const out = run(['classify']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/classify needs a text/);
  });
});

describe('support-router rules', () => {
  it('lints the built-in rules', () => {
    const out = run(['rules', 'lint']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^OK .*: 56 rules/);
  });

  it('lints an operator file and reports its problems', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), 'bad.yml');
    fs.writeFileSync(file, 'version: 1\nrules:\n  - id: star\n    title: x\n');
    const out = run(['rules', 'lint', file]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`Invalid rules file ${file}`);
    expect(out.stderr).toMatch(/rule star: section/);
  });

  it('uses RULES_FILE from the environment', () => {
    const out = spawnSync(process.execPath, [bin, 'rules', 'lint'], {
      cwd: os.tmpdir(),
      env: { ...env, RULES_FILE: '/nonexistent/rules.yml' },
      encoding: 'utf8',
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('/nonexistent/rules.yml');
  });

  it('shows one rule', () => {
    const out = run(['rules', 'show', 'star']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^star: /);
    expect(out.stdout).toContain('form:');
  });

  it('says which ids exist when the id is unknown', () => {
    const out = run(['rules', 'show', 'nope']);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/No rule "nope"\. Known ids: it-help/);
  });
});
