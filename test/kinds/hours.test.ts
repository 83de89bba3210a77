import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { describeSupportHours, isWithinSupportHours } from '../../src/kinds/hours';

const hours = DEFAULT_SETTINGS.supportHours;
const at = (iso: string) => isWithinSupportHours(new Date(iso), hours);

describe('Global Support Hours (Sunday 15:00 to Friday 17:00 US Pacific)', () => {
  it.each([
    ['2026-11-22T22:59:00Z', false], // Sunday 14:59 PST
    ['2026-11-22T23:00:00Z', true], // Sunday 15:00 PST
    ['2026-11-25T08:00:00Z', true], // Wednesday midnight
    ['2026-11-28T00:59:00Z', true], // Friday 16:59 PST
    ['2026-11-28T01:00:00Z', false], // Friday 17:00 PST
    ['2026-11-28T18:00:00Z', false], // Saturday
    ['2026-07-05T22:00:00Z', true], // Sunday 15:00 PDT (summer time)
    ['2026-07-05T21:59:00Z', false],
  ])('%s -> %s', (iso, expected) => {
    expect(at(iso)).toBe(expected);
  });

  it('handles a window that wraps around the week', () => {
    const wrap = { timezone: 'UTC', start: { day: 5, time: '18:00' }, end: { day: 1, time: '06:00' } };
    expect(isWithinSupportHours(new Date('2026-11-29T12:00:00Z'), wrap)).toBe(true); // Sunday
    expect(isWithinSupportHours(new Date('2026-11-25T12:00:00Z'), wrap)).toBe(false); // Wednesday
  });

  it('describes itself', () => {
    expect(describeSupportHours(hours)).toBe('Sunday 15:00 to Friday 17:00 (America/Los_Angeles)');
  });
});
