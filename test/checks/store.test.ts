// The store named in messages (no password), and its problems in the store's own words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkStore, describeStore, storeError } from '../../src/checks/store';

describe('describeStore', () => {
  it('names the SQLite file, or the PostgreSQL host and database without the password', () => {
    expect(describeStore({ kind: 'sqlite', file: '/var/lib/bot/support-router.sqlite' })).toBe(
      'SQLite /var/lib/bot/support-router.sqlite',
    );
    const pg = describeStore({ kind: 'postgres', url: 'postgres://bot:s3cret@db.internal:5433/support' });
    expect(pg).toBe('PostgreSQL db.internal:5433/support');
    expect(pg).not.toContain('s3cret');
  });
});

describe('checkStore', () => {
  it('accepts a folder that can be created', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-')), 'a', 'b');
    expect(checkStore({ DATA_DIR: dir, DATABASE_URL: undefined }).problems).toEqual([]);
  });

  it('says when DATA_DIR runs through a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-')), 'plain-file');
    fs.writeFileSync(file, '');
    const [p] = checkStore({ DATA_DIR: path.join(file, 'data'), DATABASE_URL: undefined }).problems;
    expect(p).toMatchObject({ source: 'store', subject: 'DATA_DIR', severity: 'error' });
    expect(p?.message).toContain('is a file, not a folder');
  });

  it('says which schemes DATABASE_URL takes', () => {
    const [p] = checkStore({ DATA_DIR: './data', DATABASE_URL: 'mysql://h/db' }).problems;
    expect(p?.message).toMatch(/must start with sqlite: or postgres:\/\/.*leave it unset/);
  });
});

describe('storeError', () => {
  it('explains the usual driver errors', () => {
    expect(
      storeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
    ).toMatch(/is PostgreSQL running/);
    expect(storeError(Object.assign(new Error('x'), { code: '3D000' }))).toMatch(/database does not exist/);
    expect(storeError(new Error('something else'))).toBe('something else');
  });
});
