// Builds dist/ with the project's own TypeScript when an entry point is missing or older than src/.
// Entries: the CLI (src/cli/main.js, the default) and the Slack app (src/main.js).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const ENTRIES = ['src/cli/main.js', 'src/main.js'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

module.exports = function ensureBuilt(entry = 'src/cli/main.js') {
  // An installed image ships dist/ without src/: nothing to rebuild from.
  if (!fs.existsSync(path.join(root, 'src'))) return;
  const marker = path.join(root, 'dist', entry);
  const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  if (builtAt >= newestMtime(path.join(root, 'src'))) return;
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // One build compiles every entry: mark them all as fresh.
  const now = new Date();
  for (const e of ENTRIES) {
    const built = path.join(root, 'dist', e);
    if (fs.existsSync(built)) fs.utimesSync(built, now, now);
  }
};
