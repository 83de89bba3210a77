import path from 'node:path';
import Database from 'better-sqlite3';
import { CREATE_SCHEMA_MIGRATIONS, MIGRATIONS } from '../../src/store/migrations';
import { SqliteStore } from '../../src/store/sqlite';
import { openStore, storeLocation } from '../../src/store';
import { freshSqlite, tempDir } from '../helpers/stores';
import { storeContract } from './contract';

describe('SqliteStore', () => {
  storeContract(() => freshSqlite());
});

describe('storeLocation', () => {
  it('defaults to a file under DATA_DIR', () => {
    expect(storeLocation({ DATABASE_URL: undefined, DATA_DIR: './data' })).toEqual({
      kind: 'sqlite',
      file: path.join('data', 'support-router.sqlite'),
    });
  });
  it('reads sqlite: and postgres:// URLs', () => {
    expect(storeLocation({ DATABASE_URL: 'sqlite:/var/lib/bot.db', DATA_DIR: 'x' })).toEqual({
      kind: 'sqlite',
      file: '/var/lib/bot.db',
    });
    expect(storeLocation({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: 'x' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(() => storeLocation({ DATABASE_URL: 'mysql://h/db', DATA_DIR: 'x' })).toThrow(
      /sqlite: or postgres/,
    );
  });
  it('opens and migrates a new file, creating its directory', async () => {
    const file = path.join(tempDir(), 'nested', 'bot.sqlite');
    const store = await openStore({ kind: 'sqlite', file });
    expect(await store.countByStatus()).toEqual({ pending: 0, filed: 0, failed: 0 });
    await store.close();
  });
});

describe('migration 6 (follow-up steps)', () => {
  it('carries a STAR notice already sent over into steps_done and drops the old flag', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    // A store as the previous release left it: migrations 1-5, one STAR whose notice went out.
    const db = new Database(file);
    db.exec(CREATE_SCHEMA_MIGRATIONS);
    for (const m of MIGRATIONS.filter((m) => m.version <= 5)) {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    }
    const insert = db.prepare(
      `INSERT INTO submissions (id, team_id, user_id, route_id, payload, next_attempt_at, created_at, updated_at, star_notified)
         VALUES (?, 'T1', 'U1', 'star', '{}', 0, 0, 0, ?)`,
    );
    insert.run('T1:SENT', 1);
    insert.run('T1:NOT-YET', 0);
    db.close();

    const store = new SqliteStore(file);
    await store.migrate();
    expect((await store.get('T1:SENT'))?.stepsDone).toEqual(['star-notice']);
    expect((await store.get('T1:NOT-YET'))?.stepsDone).toEqual([]);
    await store.close();
    const after = new Database(file, { readonly: true });
    const columns = (after.prepare('PRAGMA table_info(submissions)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    after.close();
    expect(columns).toContain('steps_done');
    expect(columns).not.toContain('star_notified');
  });
});
