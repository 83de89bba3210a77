import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/kinds/settings';

describe('filing settings', () => {
  it('gives every section its defaults when the file leaves it out', () => {
    expect(DEFAULT_SETTINGS.star).toEqual({
      project: 'gitlab-com/support/ticket-attention-requests',
      labels: [],
      channel: 'CBVAE1L48',
      emergencyUrl: 'https://about.gitlab.com/support/#how-to-trigger-emergency-support',
    });
    expect(DEFAULT_SETTINGS.supportHours).toEqual({
      timezone: 'America/Los_Angeles',
      start: { day: 0, time: '15:00' },
      end: { day: 5, time: '17:00' },
    });
    expect(DEFAULT_SETTINGS.internalRequest).toEqual({
      tags: ['internal_request', 'support_router'],
      customFields: {},
    });
    expect(DEFAULT_SETTINGS.ticketOnBehalf).toEqual({ tags: ['opened_by_team_member', 'support_router'] });
  });

  it('checks drop-down custom fields at boot: every label the form offers needs its tag value', () => {
    const plan = { 'GitLab.com Premium': 'saas_premium', 'GitLab.com Ultimate': 'saas_ultimate' };
    expect(() =>
      parseSettings({ internalRequest: { customFields: { plan: { id: 7, tags: plan }, namespace: 8 } } }),
    ).toThrow(
      /plan\.tags: no tag value for "Self-Managed Premium"[\s\S]*no tag value for "Other \/ not sure"/,
    );
    expect(() =>
      parseSettings({ internalRequest: { customFields: { namespace: { id: 8, tags: { a: 'b' } } } } }),
    ).toThrow(/namespace: not a drop-down in the form/);
    const all = {
      ...plan,
      'Self-Managed Premium': 'sm_premium',
      'Self-Managed Ultimate': 'sm_ultimate',
      'GitLab Dedicated': 'dedicated',
      'Other / not sure': 'other',
    };
    expect(
      parseSettings({ internalRequest: { customFields: { plan: { id: 7, tags: all } } } }).internalRequest
        .customFields.plan,
    ).toEqual({ id: 7, tags: all });
  });

  it('keeps the other defaults of a section the file overrides in part', () => {
    expect(parseSettings({ star: { labels: ['STAR'] } }).star.channel).toBe('CBVAE1L48');
  });

  it('writes the STAR channel id once, so an edit cannot leave a stale copy behind', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../src/kinds/settings.ts'), 'utf8');
    expect(source.match(/CBVAE1L48/g)).toHaveLength(1);
  });
});
