import { hashedFeatures, NGRAM_SMOOTHING, NgramBayes } from '../../src/routing/ngrams';

const words = (text: string) => text.split(' ');

const documents = [
  { route: 'trial', stems: words('extend trial two week') },
  { route: 'trial', stems: words('trial end friday more time') },
  { route: 'trial', stems: words('eval expir need longer') },
  { route: 'laptop', stems: words('laptop screen flicker') },
  { route: 'laptop', stems: words('macbook batteri swollen replac') },
  { route: 'laptop', stems: words('vpn drop work machin') },
];

describe('hashed features', () => {
  it('has the words, neighbouring pairs and character 3-5-grams of each padded stem, at unit length', () => {
    // "ab": the word, and "<ab", "ab>", "<ab>" as character n-grams; "ab cd" adds the pair.
    expect(hashedFeatures(['ab']).size).toBe(1 + 3);
    expect(hashedFeatures(['ab', 'cd']).size).toBe(2 * (1 + 3) + 1);
    const norm = Math.hypot(...hashedFeatures(['extend', 'trial']).values());
    expect(norm).toBeCloseTo(1, 10);
  });

  it('is the same for the same stems, whatever else was hashed before', () => {
    const first = [...hashedFeatures(['licens', 'key'])];
    hashedFeatures(['someth', 'els']);
    expect([...hashedFeatures(['licens', 'key'])]).toEqual(first);
  });

  it('lets a heavier word (the ask) count more', () => {
    // A stem's own feature is the first one hashed for it.
    const wordOf = (stem: string) => [...hashedFeatures([stem]).keys()][0] as number;
    const features = hashedFeatures(['trial', 'laptop'], [2, 1]);
    expect(features.get(wordOf('trial'))).toBeCloseTo(2 * (features.get(wordOf('laptop')) as number), 10);
  });
});

describe('naive Bayes over the n-grams', () => {
  const model = new NgramBayes(documents);

  it('gives a posterior over every route that sums to one', () => {
    const p = model.scores(words('extend the trial'));
    expect([...p.keys()].sort()).toEqual(['laptop', 'trial']);
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('recognises its examples', () => {
    for (const d of documents) expect(model.scores(d.stems).get(d.route)).toBeGreaterThan(0.5);
  });

  it('generalises through character n-grams to a word form it never saw', () => {
    // "extension" and "laptops" occur in no example; their n-grams do.
    expect(model.scores(['extension']).get('trial')).toBeGreaterThan(0.5);
    expect(model.scores(['laptops']).get('laptop')).toBeGreaterThan(0.5);
  });

  it('lets the ask outweigh the background', () => {
    const text = words('laptop trial');
    expect(model.scores(text, [1, 1.5]).get('trial')).toBeGreaterThan(0.5);
    expect(model.scores(text, [1.5, 1]).get('laptop')).toBeGreaterThan(0.5);
  });

  it('knows nothing about a message none of whose n-grams it saw', () => {
    expect(model.scores(['zzzq']).size).toBe(0);
  });

  it('forgets an n-gram that more routes use than it may (it cannot tell them apart)', () => {
    const shared = [
      { route: 'a', stems: ['common', 'alpha'] },
      { route: 'b', stems: ['common', 'beta'] },
    ];
    expect(new NgramBayes(shared).scores(['common']).size).toBe(2);
    const pruned = new NgramBayes(shared, NGRAM_SMOOTHING, 1);
    expect(pruned.scores(['common']).size).toBe(0);
    expect(pruned.scores(['common', 'alpha']).get('a')).toBeGreaterThan(0.5);
  });
});
