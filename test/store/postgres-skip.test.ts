// Without TEST_DATABASE_URL the PostgreSQL suites must show as skipped in jest's own counts: a
// machine without PostgreSQL must never report the store contract or the replicas as passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/stores';

const ROOT = path.join(__dirname, '..', '..');

it('reports the PostgreSQL store contract as skipped, not passed, when TEST_DATABASE_URL is unset', () => {
  const out = path.join(tempDir(), 'results.json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TEST_DATABASE_URL;
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/jest/bin/jest.js'),
      '--runTestsByPath',
      'test/store/postgres.test.ts',
      '--json',
      `--outputFile=${out}`,
    ],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 },
  );
  expect(run.status).toBe(0);
  const results = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numPendingTests: number;
    numFailedTests: number;
    testResults: { assertionResults: { ancestorTitles: string[]; status: string }[] }[];
  };
  expect(results.numPassedTests).toBe(0);
  expect(results.numFailedTests).toBe(0);
  expect(results.numPendingTests).toBeGreaterThan(5);
  const tests = results.testResults.flatMap((r) => r.assertionResults);
  expect(new Set(tests.map((t) => t.status))).toEqual(new Set(['pending']));
  expect(tests[0]!.ancestorTitles[0]).toBe('PostgresStore (skipped: TEST_DATABASE_URL is not set)');
}, 100_000);
