// Views are pure: data in, Block Kit out. None of them may import something that talks to the network.
import fs from 'node:fs';
import path from 'node:path';

const VIEWS = path.join(__dirname, '..', '..', 'src', 'views');
const FORBIDDEN = [
  /from '@slack\/bolt'/,
  /@gitbeaker/,
  /node:(http|https|net)/,
  /\bfetch\(/,
  /\bclient\./,
  /'\.\.\/(oncall|filing|store)\/(?!types)/,
];

describe('view builders', () => {
  const files = fs.readdirSync(VIEWS).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports no runtime client', (file) => {
    const text = fs.readFileSync(path.join(VIEWS, file), 'utf8');
    // Type-only imports are fine: they vanish at compile time.
    const runtime = text.split('\n').filter((line) => !/^import type /.test(line));
    for (const pattern of FORBIDDEN) expect(runtime.filter((l) => pattern.test(l))).toEqual([]);
  });
});
