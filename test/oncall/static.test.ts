import { createStaticProvider, OncallFileError, parseStaticFile } from '../../src/oncall/static';

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
});
