// A slow or unreachable PostgreSQL must fail a request inside Slack's 3 s, not hold it.
import net from 'node:net';
import { Client } from 'pg';
import { PostgresStore } from '../../src/store/postgres';
import { describePostgres, freshPgSchema, freshPostgres } from '../helpers/stores';

/** Settles with how long the promise took, or 'still waiting' after `ms`. */
async function timed(promise: Promise<unknown>, ms: number): Promise<number | 'still waiting'> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(resolve, ms, 'still waiting')));
  const settled = promise.then(
    () => Date.now() - started,
    () => Date.now() - started,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('PostgresStore timeouts', () => {
  it('gives up on a database that accepts the connection but never answers within about 1 s', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const store = new PostgresStore(`postgres://nobody@127.0.0.1:${port}/none`);
    try {
      const took = await timed(store.get('x'), 2500);
      expect(took).not.toBe('still waiting');
      expect(took).toBeLessThan(2000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
      await store.close().catch(() => undefined);
    }
  });
});

describePostgres('PostgresStore timeouts against PostgreSQL', () => {
  it('fails a query stuck behind a lock after about 1.5 s', async () => {
    const url = await freshPgSchema();
    const store = await freshPostgres(url);
    const locker = new Client({ connectionString: url });
    await locker.connect();
    try {
      await store.enqueue({ id: 'T:V1', teamId: 'T', userId: 'U', routeId: 'r', payload: {} }, 1);
      await store.claim('worker', 2, 60_000);
      await locker.query('BEGIN');
      await locker.query("SELECT * FROM submissions WHERE id = 'T:V1' FOR UPDATE");
      const took = await timed(store.markNotified('T:V1', 'worker', 3), 4000);
      expect(took).not.toBe('still waiting');
      expect(took).toBeLessThan(2500);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
      await store.close();
    }
  });

  it('lets a migration wait longer than a request may (another replica migrating)', async () => {
    const url = await freshPgSchema();
    const locker = new Client({ connectionString: url });
    await locker.connect();
    const store = new PostgresStore(url);
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT pg_advisory_xact_lock(4242001)');
      const migrating = store.migrate();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await locker.query('COMMIT');
      await expect(migrating).resolves.toBeUndefined();
    } finally {
      await locker.end();
      await store.close();
    }
  }, 10_000);
});
