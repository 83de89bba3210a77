// Picks the backend from DATABASE_URL: unset means an SQLite file under DATA_DIR, `sqlite:PATH`
// names the file, `postgres://` (or `postgresql://`) uses PostgreSQL. Migrations run on open.
import path from 'node:path';
import type { Config } from '../config';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { FilingStore } from './types';

export type { FilingStore } from './types';

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function storeLocation(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): StoreLocation {
  const url = config.DATABASE_URL;
  if (!url) return { kind: 'sqlite', file: path.join(config.DATA_DIR, 'support-router.sqlite') };
  if (url.startsWith('sqlite:'))
    return { kind: 'sqlite', file: url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

export async function openStore(location: StoreLocation): Promise<FilingStore> {
  const store = location.kind === 'sqlite' ? new SqliteStore(location.file) : new PostgresStore(location.url);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
