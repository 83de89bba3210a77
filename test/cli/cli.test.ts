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

  it('gives a blank line its own error line, so six lines in are six lines out', () => {
    const text = (t: string) => JSON.stringify({ text: t });
    const input = [
      text('who is cmoc'),
      text('hey'),
      '',
      text('captcha on every gitlab.com comment'),
      'not json',
      text('x y'),
    ].join('\n');
    const out = run(['classify', '--jsonl'], `${input}\n`);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[2]).toEqual({
      route: 'unknown',
      confidence: 0,
      alternatives: [],
      error: 'blank line: expected {"text": "..."}',
    });
    expect(lines[4].error).toBe('expected {"text": "..."}');
    expect(lines[3].route).toBe('recaptcha');
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

  it('prints links, channels and mentions readably, hides unlikely alternatives, names no internal concept', () => {
    const out = run(['classify', 'can we extend the gitlab.com trial for acme? they need 2 more weeks']);
    expect(out.status).toBe(0);
    expect(out.stdout).not.toMatch(/<https?:|<#C|<@U|<!/);
    expect(out.stdout).toMatch(/\S+ \(https:\/\/[^)]+\)/); // label (url)
    const also = /^also likely: (.*)$/m.exec(out.stdout)?.[1] ?? '';
    for (const [, confidence] of also.matchAll(/ (\d\.\d\d)/g))
      expect(Number(confidence)).toBeGreaterThanOrEqual(0.05);
    const why = /^why: +(.*)$/m.exec(out.stdout)?.[1] ?? '';
    expect(why).not.toMatch(/@|\b[a-z]+_[a-z_]+\b/); // concept names like upgrade_word
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

  it('lists every route id with its action and title', () => {
    const out = run(['rules', 'list']);
    expect(out.status).toBe(0);
    const rows = out.stdout.trim().split('\n');
    expect(rows).toHaveLength(56);
    expect(rows).toContainEqual(expect.stringMatching(/^star +form +\S/));
    expect(rows).toContainEqual(expect.stringMatching(/^oncall\/cmoc +oncall +\S/));
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

describe('support-router config check', () => {
  const check = (extra: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, [bin, 'config', 'check', ...args], {
      cwd: os.tmpdir(),
      env: { ...env, ...extra },
      encoding: 'utf8',
    });

  it('exits non-zero with every problem, grouped by where it is', () => {
    const out = check({
      LOG_LEVEL: 'verbose',
      PORT: 'abc',
      FILING_MODE: 'dry',
      ONCALL_PROVIDER: 'pagerduty',
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^support-router cannot start: 8 problems to fix/);
    expect(out.stderr).toContain('Settings (environment variables or .env):');
    expect(out.stderr).toContain('PAGERDUTY_API_TOKEN: not set');
    expect(out.stderr).toContain('Did you mean dry-run?');
    expect(out.stderr).toContain('Slack:\n  - SLACK_BOT_TOKEN: not set');
    expect(out.stderr).toContain('Create New App'); // Slack credentials are missing
  });

  it('prints what the bot will do when everything is in order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
    const oncall = path.join(dir, 'oncall.yml');
    fs.writeFileSync(oncall, 'schedules:\n  support: [{name: Ann Example}]\n  cmoc: [{name: Bob Example}]\n');
    const out = check({
      SLACK_BOT_TOKEN: 'xoxb-1-secret',
      SLACK_SIGNING_SECRET: 'signing-secret',
      FILING_MODE: 'dry-run',
      ONCALL_STATIC_FILE: oncall,
      DATA_DIR: path.join(dir, 'data'),
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^OK: support-router can start \(checked offline/);
    expect(out.stdout).toContain(`Store:    SQLite ${path.join(dir, 'data', 'support-router.sqlite')}`);
    expect(out.stdout).toContain('Filing:   dry-run');
    expect(out.stdout).toMatch(/Rules: +\S+handbook\.yml \(56 routes\)/);
    expect(out.stdout).toContain('Self-Managed Support: Ann Example');
    expect(out.stdout).toContain('GitLab.com CMOC: Bob Example');
    expect(out.stdout + out.stderr).not.toContain('secret');
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false); // a check creates nothing
  });
});
