// Stores for tests: a fresh SQLite file per test, and (when TEST_DATABASE_URL is set) a fresh
// PostgreSQL schema per test, so parallel jest workers never see each other's rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '../../src/config';
import { PostgresStore } from '../../src/store/postgres';
import { SqliteStore } from '../../src/store/sqlite';
import type { FilingStore } from '../../src/store/types';

export const TEST_DATABASE_URL = parseConfig(process.env).TEST_DATABASE_URL;

/**
 * describe() when PostgreSQL is configured; otherwise describe.skip(), chosen when the file loads, so
 * jest's summary counts every PostgreSQL test as skipped (never as passed) and names the reason.
 */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) describe(name, body);
  else describe.skip(`${name} (skipped: TEST_DATABASE_URL is not set)`, body);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'support-router-test-'));
}

export async function freshSqlite(file = path.join(tempDir(), 'store.sqlite')): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  await store.migrate();
  return store;
}

/** A new schema; returns the URL with search_path set, so every connection (and child process) uses it. */
export async function freshPgSchema(): Promise<string> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function freshPostgres(url?: string): Promise<PostgresStore> {
  const store = new PostgresStore(url ?? (await freshPgSchema()));
  await store.migrate();
  return store;
}

export type StoreFactory = () => Promise<FilingStore>;
