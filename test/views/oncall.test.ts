// On-call answers: an empty schedule gets the manual way, exactly like a failed lookup.
import { buildOncallBlocks, MANUAL_WAY, oncallText } from '../../src/views/oncall';

const empty = {
  ok: true as const,
  cached: false,
  answer: { rotation: 'cmoc' as const, people: [], source: 'static file', fetchedAt: new Date(0) },
};

describe('on-call views', () => {
  it('give the manual ChatOps way when the schedule lists nobody', () => {
    const [section] = buildOncallBlocks('cmoc', empty);
    expect(section).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*GitLab.com CMOC:* the schedule lists nobody right now. ${MANUAL_WAY.cmoc} It does not page anyone.`,
      },
    });
    expect(oncallText('cmoc', empty)).toBe(`On call for GitLab.com CMOC: ${MANUAL_WAY.cmoc}`);
  });

  it('give the same manual way when the lookup failed', () => {
    expect(oncallText('support', { ok: false, reason: 'timeout' })).toBe(
      `On call for Self-Managed Support: ${MANUAL_WAY.support}`,
    );
  });
});
