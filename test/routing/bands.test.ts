import { BAND_FLOORS, confidenceBand } from '../../src/routing/bands';

const at = (confidence: number, route = 'star') => ({ route, confidence, alternatives: [], evidence: [] });
const question = { fact: 'ticket', text: 'Is there a ticket?', options: [] };

describe('confidence bands', () => {
  it('draws the lines at the band floors', () => {
    expect(confidenceBand(at(0.95))).toBe('high');
    expect(confidenceBand(at(BAND_FLOORS.high))).toBe('high');
    expect(confidenceBand(at(0.79))).toBe('medium');
    expect(confidenceBand(at(BAND_FLOORS.medium))).toBe('medium');
    expect(confidenceBand(at(0.49))).toBe('low');
  });

  it('keeps an answer with an open question out of the high band, and never low', () => {
    expect(confidenceBand({ ...at(0.95), question })).toBe('medium');
    expect(confidenceBand({ ...at(0.3), question })).toBe('medium');
  });

  it('is unknown when no route fits, whatever the confidence', () => {
    expect(confidenceBand(at(0.95, 'unknown'))).toBe('unknown');
  });
});
