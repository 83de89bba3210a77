import { stem } from '../../src/routing/lexicon';
import { tokenize } from '../../src/routing/normalize';
import { askSpan, denialMask } from '../../src/routing/structure';

const ask = (text: string) => {
  const [from, to] = askSpan(text);
  return text.slice(from, to).trim();
};

describe('where the ask is', () => {
  it('is the last sentence that asks for something, after the background', () => {
    expect(ask('The incident last week is closed. Separately, can support email the owner? Thanks.')).toBe(
      'Separately, can support email the owner?',
    );
  });

  it('is the last sentence when none has a request cue, and the whole text when it is one sentence', () => {
    expect(ask('Their trial ended. The renewal is late.')).toBe('The renewal is late.');
    expect(ask('who is on call')).toBe('who is on call');
  });

  it('treats a semicolon as the end of a sentence', () => {
    expect(ask('security already rotated the key; now we want support to contact the user')).toBe(
      'now we want support to contact the user',
    );
  });
});

const denied = (text: string) => {
  const words = tokenize(text);
  const stems = words.map((w) => stem(w));
  const mask = denialMask(words, stems, new Set(['not', 'no', 'never', 'without', 'noth', 'instead']));
  return words.filter((_, i) => mask[i]);
};

describe('denials', () => {
  it('rule out what follows, across articles and "asking for"', () => {
    expect(denied('this is not an incident')).toEqual(['an', 'incident']);
    expect(denied('not asking for a max seats reset')).toEqual([
      'asking',
      'for',
      'a',
      'max',
      'seats',
      'reset',
    ]);
    expect(denied('no ticket yet')).toEqual(['ticket', 'yet']);
  });

  it('leave a negation that states a problem alone', () => {
    expect(denied('the trial can not start')).toEqual([]);
    expect(denied('the runner does not work')).toEqual([]);
  });
});
