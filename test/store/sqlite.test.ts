import path from 'node:path';
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
