// The request store, checked before the bot starts: where it is, whether SQLite's directory can be
// written, and (online) whether PostgreSQL answers. Messages say what is wrong with the store.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Config } from '../config';
import { storeLocation, type StoreLocation } from '../store';
import { problem, type Problem } from './problems';

/** Where the store is, for the boot line and `config check`: a file, or host/database, never a password. */
export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `SQLite ${path.resolve(location.file)}`;
  try {
    const url = new URL(location.url);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname || '/'}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** The nearest folder that exists on the way to `dir`: the one a new store file would be created under. */
function nearestExisting(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

function sqliteProblems(file: string, setting: string): Problem[] {
  const target = fs.existsSync(file) ? file : nearestExisting(path.dirname(file));
  if (target !== file && !fs.statSync(target).isDirectory())
    return [
      problem(
        'store',
        setting,
        `${target} is a file, not a folder, so the SQLite store ${path.resolve(file)} cannot be created there: point ${setting} at a folder`,
      ),
    ];
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return [];
  } catch {
    return [
      problem(
        'store',
        setting,
        `${target} is not writable, so the SQLite store ${path.resolve(file)} cannot be ${target === file ? 'written' : 'created'}: point ${setting} at a writable folder, or give the bot's user write access`,
      ),
    ];
  }
}

export interface StoreCheck {
  location?: StoreLocation;
  problems: Problem[];
}

export function checkStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): StoreCheck {
  let location: StoreLocation;
  try {
    location = storeLocation(config);
  } catch (err) {
    return {
      problems: [
        problem(
          'store',
          'DATABASE_URL',
          `${(err as Error).message} (or leave it unset for SQLite under DATA_DIR)`,
        ),
      ],
    };
  }
  if (location.kind === 'sqlite')
    return {
      location,
      problems: sqliteProblems(location.file, config.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR'),
    };
  try {
    new URL(location.url);
  } catch {
    return { location, problems: [problem('store', 'DATABASE_URL', 'is not a valid postgres:// URL')] };
  }
  return { location, problems: [] };
}

/** Online: PostgreSQL answers a query within a few seconds. */
export async function checkStoreOnline(location: StoreLocation): Promise<Problem[]> {
  if (location.kind !== 'postgres') return [];
  const client = new Client({ connectionString: location.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return [];
  } catch (err) {
    return [
      problem('store', 'DATABASE_URL', `${describeStore(location)} did not answer: ${storeError(err)}`),
    ];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A store error in an operator's words (the driver's message, without the connection string). */
export function storeError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const hints: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is PostgreSQL running, and on that host and port?',
    ENOTFOUND: 'host not found: check the host in DATABASE_URL',
    '28P01': 'password authentication failed: check the user and password in DATABASE_URL',
    '3D000': 'the database does not exist: create it, or fix the name in DATABASE_URL',
    SQLITE_CANTOPEN: 'the SQLite file cannot be opened: check DATA_DIR (or DATABASE_URL) and its permissions',
    SQLITE_READONLY: 'the SQLite file is read-only: give the bot write access',
  };
  return (e.code && hints[e.code]) || e.message || String(err);
}
