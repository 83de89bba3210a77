// The form view builders are pure: no client, no network, nothing from the filing side but types.
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', '..', '..', 'src', 'views', 'forms');
const FORBIDDEN = [
  /from '@slack\/bolt'/,
  /@gitbeaker|node-zendesk|better-sqlite3|from 'pg'/,
  /node:(http|https|net)/,
  /\bfetch\(/,
  /\bclient\./,
  /'\.\.\/\.\.\/(oncall|filing|store)\/(?!types)/,
  /'\.\.\/\.\.\/forms\/(open|submit|actions|commands|plan|register|listeners|requests)'/,
];

describe('form view builders', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s imports no runtime client', (file) => {
    const runtime = fs
      .readFileSync(path.join(DIR, file), 'utf8')
      .split('\n')
      .filter((line) => !/^import type /.test(line));
    for (const pattern of FORBIDDEN) expect(runtime.filter((l) => pattern.test(l))).toEqual([]);
  });
});
