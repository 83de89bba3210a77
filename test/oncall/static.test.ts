import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coverageWarnings,
  createStaticProvider,
  OncallFileError,
  parseStaticFile,
  readStaticFile,
} from '../../src/oncall/static';

const FILE = `
schedules:
  support:
    - name: Alice Example
      slack_user_id: U0ALICE
      start: 2026-11-23T00:00:00Z
      end: 2026-11-30T00:00:00Z
    - name: Carol Later
      start: 2026-11-30T00:00:00Z
  cmoc:
    - name: Bob Example
      slack_user_id: U0BOB
`;

const signal = new AbortController().signal;

describe('static on-call provider', () => {
  const schedules = parseStaticFile(FILE);

  it('applies a windowed entry only inside its window, and an open entry always', async () => {
    const inside = createStaticProvider(schedules, () => new Date('2026-11-24T12:00:00Z'));
    const answer = await inside.lookup('support', signal);
    expect(answer.people).toEqual([
      { name: 'Alice Example', slackUserId: 'U0ALICE', until: new Date('2026-11-30T00:00:00Z') },
    ]);
    expect(answer.source).toBe('static file');
    expect((await inside.lookup('cmoc', signal)).people).toEqual([
      { name: 'Bob Example', slackUserId: 'U0BOB' },
    ]);
  });

  it('treats the end as exclusive', async () => {
    const after = createStaticProvider(schedules, () => new Date('2026-11-30T00:00:00Z'));
    expect((await after.lookup('support', signal)).people.map((p) => p.name)).toEqual(['Carol Later']);
  });

  it('lists every problem of a bad file', () => {
    const bad = 'schedules:\n  support:\n    - slack_user_id: nope\n      start: not-a-date\n  oncall: []\n';
    expect(() => parseStaticFile(bad, 'oncall.yml')).toThrow(OncallFileError);
    try {
      parseStaticFile(bad, 'oncall.yml');
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('oncall.yml');
      expect(message).toContain('schedules.support.0.name');
      expect(message).toContain('slack_user_id');
      expect(message).toContain('start');
      expect(message).toContain('oncall');
    }
  });

  it('reports YAML syntax errors', () => {
    expect(() => parseStaticFile('schedules: [')).toThrow(OncallFileError);
  });

  it('says what a date must look like, with an example', () => {
    const file = 'schedules:\n  support:\n    - {name: Ann, start: next monday}\n';
    expect(() => parseStaticFile(file)).toThrow(
      'schedules.support.0.start: "next monday" is not a date: use ISO 8601, e.g. 2026-12-07T08:00:00Z, or 2026-12-07 for midnight UTC',
    );
    // Quoted ISO strings and YAML's own timestamps are both dates.
    const ok = parseStaticFile(
      'schedules:\n  support:\n    - {name: A, start: "2026-12-07T08:00:00+01:00", end: 2026-12-08}\n',
    );
    expect(ok.schedules.support[0]?.start).toEqual(new Date('2026-12-07T07:00:00Z'));
    expect(ok.schedules.support[0]?.end).toEqual(new Date('2026-12-08T00:00:00Z'));
  });

  it('names ONCALL_STATIC_FILE when the file cannot be read', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-oncall', 'oncall.yml');
    expect(() => readStaticFile(missing)).toThrow(
      /ONCALL_STATIC_FILE: cannot read the file \(no such file\): check the path, or unset ONCALL_STATIC_FILE/,
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-')), 'oncall.yml');
    fs.writeFileSync(file, 'schedules: {support: [{name: Ann}]}\n');
    expect(readStaticFile(file).schedules.support).toEqual([{ name: 'Ann' }]);
  });
});

describe('coverageWarnings', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('warns for a rotation whose windows have all ended, and for one with nobody right now', () => {
    const file = parseStaticFile(`
schedules:
  support:
    - {name: Ann, start: 2026-12-03T00:00:00Z}
  cmoc:
    - {name: Bob, end: 2026-11-01T00:00:00Z}
`);
    expect(coverageWarnings(file, now)).toEqual([
      'schedules.support: nobody is listed right now (a window starts within 7 days)',
      'schedules.cmoc: nobody is listed from now to 2026-12-08: on-call questions get the manual ChatOps way until the file is updated',
    ]);
  });

  it('is quiet when someone is on call now', () => {
    const file = parseStaticFile(
      'schedules:\n  support: [{name: Ann}]\n  cmoc: [{name: Bob, end: 2026-12-02}]\n',
    );
    expect(coverageWarnings(file, now)).toEqual([]);
  });
});
