// Reloads the rules file when it changes. A file that does not load leaves the last good rules in
// use and its problems on the page; a good one restarts the app with it. Polling (not fs.watch)
// because editors often replace the file instead of writing it in place.
import fs from 'node:fs';
import { loadRules, RulesError } from '../routing/load';
import type { RuleSet } from '../routing/types';

export type RulesLoad = { ok: true; rules: RuleSet } | { ok: false; problems: string[] };

export function tryLoadRules(file: string): RulesLoad {
  try {
    return { ok: true, rules: loadRules(file) };
  } catch (err) {
    if (err instanceof RulesError) return { ok: false, problems: err.problems };
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
}

/** Calls `onChange` with each new load of the file; returns the function that stops watching. */
export function watchRules(file: string, onChange: (load: RulesLoad) => void, intervalMs = 250): () => void {
  const listener = (now: fs.Stats, before: fs.Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) onChange(tryLoadRules(file));
  };
  fs.watchFile(file, { interval: intervalMs }, listener);
  return () => fs.unwatchFile(file, listener);
}
