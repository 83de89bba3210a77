// SQLite serves one bot process. Two processes on one file block each other inside better-sqlite3's
// synchronous calls (acks stall, the store's time limit cannot fire), and a restarted bot could
// not tell its dead predecessor's leases from a live neighbour's. So the bot holds an exclusive
// lock on a small file next to the store for as long as it runs: the operating system drops it
// when the process dies, however it dies, and a second bot on the same file is refused at start.
import Database from 'better-sqlite3';

export class SqliteLockedError extends Error {
  constructor(readonly file: string) {
    super(
      `another support-router process is using the SQLite store ${file}: SQLite serves one process. ` +
        'Stop the other one, or run several replicas on PostgreSQL (DATABASE_URL=postgres://...).',
    );
    this.name = 'SqliteLockedError';
  }
}

export const lockFileOf = (file: string): string => `${file}.lock`;

/** Takes the process lock of `file`; close the returned handle to let it go. */
export function lockSqliteFile(file: string): Database.Database {
  const lock = new Database(lockFileOf(file));
  try {
    // No waiting: a lock that is held is held by a running process.
    lock.pragma('busy_timeout = 0');
    // Never committed: the exclusive lock lasts until the handle closes or the process ends.
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (err) {
    lock.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new SqliteLockedError(file);
    throw err;
  }
}
