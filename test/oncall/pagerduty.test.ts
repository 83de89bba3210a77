import nock from 'nock';
import { createPagerDutyProvider, oncallsUrl, splitIds, toPeople } from '../../src/oncall/pagerduty';

const signal = new AbortController().signal;
const targets = {
  support: { scheduleIds: [], escalationPolicyIds: ['PEP1'] },
  cmoc: { scheduleIds: ['PS1', 'PS2'], escalationPolicyIds: [] },
  manager: { scheduleIds: [], escalationPolicyIds: [] },
};

describe('PagerDuty on-call provider', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('reads GET /oncalls with the v2 headers and orders people by escalation level', async () => {
    const scope = nock('https://api.pagerduty.com', {
      reqheaders: {
        authorization: 'Token token=pd-token',
        accept: 'application/vnd.pagerduty+json;version=2',
      },
    })
      .get('/oncalls')
      .query({
        'include[]': 'users',
        earliest: 'true',
        time_zone: 'UTC',
        limit: '100',
        offset: '0',
        'escalation_policy_ids[]': 'PEP1',
      })
      .reply(200, {
        oncalls: [
          { user: { id: 'P2', name: 'Manager Mo' }, escalation_level: 2, end: null },
          { user: { id: 'P1', name: 'Engineer Eve' }, escalation_level: 1, end: '2026-11-25T08:00:00Z' },
          { user: { id: 'P1', name: 'Engineer Eve' }, escalation_level: 1, end: '2026-11-25T08:00:00Z' },
        ],
      });
    const provider = createPagerDutyProvider({
      apiUrl: 'https://api.pagerduty.com',
      token: 'pd-token',
      targets,
    });
    const answer = await provider.lookup('support', signal);
    expect(answer.people).toEqual([
      { name: 'Engineer Eve', role: 'Primary', until: new Date('2026-11-25T08:00:00Z') },
      { name: 'Manager Mo', role: 'Escalation level 2' },
    ]);
    expect(answer.source).toBe('PagerDuty');
    expect(scope.isDone()).toBe(true);
  });

  it('throws on an HTTP error (the service turns it into the manual way)', async () => {
    nock('https://api.pagerduty.com')
      .get('/oncalls')
      .query(true)
      .reply(401, { error: { message: 'Unauthorized' } });
    const provider = createPagerDutyProvider({ apiUrl: 'https://api.pagerduty.com', token: 'bad', targets });
    await expect(provider.lookup('cmoc', signal)).rejects.toThrow('PagerDuty answered 401');
  });

  it('uses schedule ids when no escalation policy is set', () => {
    const url = new URL(oncallsUrl('https://api.pagerduty.com', targets.cmoc));
    expect(url.searchParams.getAll('schedule_ids[]')).toEqual(['PS1', 'PS2']);
    expect(url.searchParams.has('escalation_policy_ids[]')).toBe(false);
  });

  it('splits comma-separated ids', () => {
    expect(splitIds(' A, B,,C ')).toEqual(['A', 'B', 'C']);
    expect(splitIds(undefined)).toEqual([]);
  });

  it('keeps the schedule (or escalation policy) name of each on-call for display', () => {
    expect(
      toPeople([
        { user: { id: 'A', name: 'Ann' }, escalation_level: 1, schedule: { summary: 'Support Managers' } },
        {
          user: { id: 'B', name: 'Ben' },
          escalation_level: 2,
          escalation_policy: { summary: 'Support Manager EP' },
        },
      ]),
    ).toEqual([
      { name: 'Ann', role: 'Primary', via: 'Support Managers' },
      { name: 'Ben', role: 'Escalation level 2', via: 'Support Manager EP' },
    ]);
  });

  it('refuses to look up a rotation without ids (unfiltered, /oncalls lists the whole account)', async () => {
    const provider = createPagerDutyProvider({ apiUrl: 'https://api.pagerduty.com', token: 't', targets });
    await expect(provider.lookup('manager', signal)).rejects.toThrow(
      /PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS or PAGERDUTY_MANAGER_SCHEDULE_IDS/,
    );
  });

  it('follows `more` with the next offset, and stops at the last page', async () => {
    // Classic pagination: https://developer.pagerduty.com/docs/pagination
    const api = nock('https://api.pagerduty.com');
    for (const [offset, more] of [
      [0, true],
      [2, true],
      [4, false],
    ] as const)
      api
        .get('/oncalls')
        .query((q) => q.offset === String(offset))
        .reply(200, {
          oncalls: [0, 1].map((i) => ({
            user: { id: `U${offset + i}`, name: `P${offset + i}` },
            escalation_level: 1,
          })),
          more,
        });
    const provider = createPagerDutyProvider({ apiUrl: 'https://api.pagerduty.com', token: 't', targets });
    const answer = await provider.lookup('cmoc', signal);
    expect(answer.people.map((p) => p.name)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5']);
    expect(api.isDone()).toBe(true);
  });

  it('skips entries without a user name', () => {
    expect(toPeople([{ escalation_level: 1 }])).toEqual([]);
  });
});
