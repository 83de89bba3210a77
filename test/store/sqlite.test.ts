import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CREATE_SCHEMA_MIGRATIONS, MIGRATIONS } from '../../src/store/migrations';
import { SqliteStore } from '../../src/store/sqlite';
import { STORE_LIMIT_MS } from '../../src/forms/submit';
import { openStore, storeLocation } from '../../src/store';
import { freshSqlite, tempDir } from '../helpers/stores';
import { makeSubmission, storeContract } from './contract';

const ROOT = path.join(__dirname, '..', '..');

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

describe('SqliteStore for one process', () => {
  it('frees the leases a killed predecessor held, so its requests are taken up at once', async () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    const before = await freshSqlite(file);
    await before.enqueue(makeSubmission(), 1000);
    await before.claim('dead-worker', 1000, 30_000);
    await before.close();
    const after = await freshSqlite(file);
    expect(await after.recover(2000)).toBe(1);
    expect(await after.claim('w2', 2000, 30_000)).toMatchObject({ id: 'T1:V1', attempts: 2 });
    await after.close();
  });

  it('refuses a second worker process on the same file, pointing to PostgreSQL', async () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    const first = await freshSqlite(file);
    await first.recover(1000);
    const script = `
      const { SqliteStore } = require('./src/store/sqlite');
      const store = new SqliteStore(${JSON.stringify(file)});
      store.recover(Date.now()).then(
        () => { console.log('STARTED'); process.exit(0); },
        (err) => { console.log(err.message); process.exit(3); },
      );`;
    const child = spawnSync(
      process.execPath,
      ['-r', path.join(ROOT, 'test/helpers/ts-register.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stdout).toMatch(/another support-router process is using the SQLite store/);
    expect(child.stdout).toMatch(/PostgreSQL \(DATABASE_URL=postgres:/);
    expect(child.status).toBe(3);
    // Once the first one stops, the file is free again.
    await first.close();
    const next = await freshSqlite(file);
    await expect(next.recover(2000)).resolves.toBe(0);
    await next.close();
  }, 40_000);

  it('gives up waiting for a locked file within the form store limit (no stalled acks)', async () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    const store = await freshSqlite(file);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE'); // a writer outside the bot holds the file
    const started = Date.now();
    await expect(store.enqueue(makeSubmission(), 1000)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(Date.now() - started).toBeLessThan(STORE_LIMIT_MS);
    other.exec('ROLLBACK');
    other.close();
    await store.close();
  });
});
