// `npm start` end to end, as an operator runs it: the checks' warnings are logged before the bot
// starts, and a failure is one grouped report on stderr with exit code 1.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(root, 'bin', 'ensure-built.js'))})('src/main.js')`],
    {
      stdio: 'inherit',
    },
  );
}, 120_000);

it('logs a stale on-call file as a warning, then reports an unreachable Slack as unreachable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
  const oncall = path.join(dir, 'oncall.yml');
  fs.writeFileSync(oncall, 'schedules:\n  support: [{name: Ann, end: 2020-01-01}]\n  cmoc: [{name: Bob}]\n');
  const out = spawnSync(process.execPath, [path.join(root, 'bin', 'start.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-1-not-real',
      SLACK_SIGNING_SECRET: 'signing-secret',
      // Nothing listens on port 9 here: the connection is refused at once.
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      ONCALL_STATIC_FILE: oncall,
      FILING_MODE: 'dry-run',
      DATA_DIR: path.join(dir, 'data'),
    },
  });
  expect(out.status).toBe(1);
  const warning = out.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { level: number; msg: string; source?: string; subject?: string })
    .find((l) => l.source === 'on-call file');
  expect(warning).toMatchObject({
    level: 40,
    subject: 'schedules.support',
    msg: expect.stringContaining('nobody is listed from now'),
  });
  expect(out.stderr).toMatch(
    /^support-router cannot start: 1 problem to fix\.\n\nSlack:\n {2}- SLACK_API_URL: Slack could not be reached/,
  );
  expect(out.stderr + out.stdout).not.toContain('not-real');
}, 90_000);
