// A bot process killed in the middle of filing (the remote API created the ticket or issue, the
// response never came back) and started again files the request exactly once, within the recovery
// target (30 s) of the restart, with the default lease settings. A bot stopped with SIGTERM in the
// middle of a call hands the request back, so the next process takes it at once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { RemoteStubs } from '../../bench/filing-stubs';
import type { FilingStore } from '../../src/store/types';
import { freshSqlite, tempDir } from '../helpers/stores';

const ROOT = path.join(__dirname, '..', '..');
/** From a restart to the request that was in flight being filed, with default settings. */
const RECOVERY_TARGET_MS = 30_000;

function startChild(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'test/helpers/ts-register.js'), path.join(__dirname, 'fixtures/child-bot.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

// Each test starts two bot processes (TypeScript compiled on the fly): slow on a loaded machine.
describe('a bot killed mid-filing and restarted', () => {
  let stubs: RemoteStubs;
  let store: FilingStore;
  let file: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    // The first create succeeds on the remote side, but its response never arrives.
    stubs = new RemoteStubs({ hangAfterCreate: (_kind, n) => n === 1 });
    await stubs.start();
    file = path.join(tempDir(), 'bot.sqlite');
    store = await freshSqlite(file);
  });
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await store.close();
    await stubs.stop();
  });

  const env = () => ({
    DATABASE_URL: `sqlite:${file}`,
    GITLAB_URL: stubs.url,
    GITLAB_TOKEN: 'glpat-test-token',
    ZENDESK_URL: stubs.url,
    ZENDESK_EMAIL: 'bot@gitlab.example',
    ZENDESK_API_TOKEN: 'ztok-test',
    FILING_POLL_MS: '50',
    LOG_LEVEL: 'silent',
  });

  async function crashAndRestart(created: 'ticket' | 'issue'): Promise<string> {
    const first = startChild(env());
    children.push(first.child);
    await new Promise<void>((resolve) => stubs.once(created, () => resolve()));
    first.child.kill('SIGKILL');
    await killed(first.child);
    expect((await store.get('T1:V1'))!.status).toBe('pending');
    const second = startChild(env());
    children.push(second.child);
    // A restart compiles TypeScript on the fly: slow when the machine is busy.
    await waitFor(() => second.output().includes('READY'), 40_000, 'the restarted bot to start');
    await waitFor(
      async () => (await store.get('T1:V1'))?.notified === true,
      RECOVERY_TARGET_MS,
      'the restarted bot to file and notify within the recovery target',
    );
    second.child.kill('SIGTERM');
    await killed(second.child);
    return second.output();
  }

  it('files a Zendesk ticket once (the restart finds it by external_id before creating)', async () => {
    const values = {
      contact_email: 'a@acme.example',
      namespace: 'https://gitlab.com/acme',
      new_date: '2030-01-01',
      context: 'c',
    };
    await store.enqueue(
      {
        id: 'T1:V1',
        teamId: 'T1',
        userId: 'U1',
        routeId: 'internal-request/saas-extend-trial',
        payload: { values, optionId: 'saas-extend-trial' },
      },
      Date.now(),
    );
    const output = await crashAndRestart('ticket');
    expect(stubs.tickets.size).toBe(1);
    expect(stubs.counts.ticketPosts).toBe(1);
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'filed',
      attempts: 2,
      result: { ref: 'ticket 100001' },
    });
    expect(output).toContain('NOTIFIED U1');
  }, 60_000);

  it('hands a request back on SIGTERM mid-call: no lease is left for the next process to wait out', async () => {
    await store.enqueue(
      {
        id: 'T1:V1',
        teamId: 'T1',
        userId: 'U1',
        routeId: 'support-meta',
        payload: { values: { title: 'Idea', description: 'Details' } },
      },
      Date.now(),
    );
    const bot = startChild(env());
    children.push(bot.child);
    await new Promise<void>((resolve) => stubs.once('issue', () => resolve()));
    const stopping = Date.now();
    bot.child.kill('SIGTERM');
    await killed(bot.child);
    expect(bot.child.exitCode).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(await store.claim('next-process', Date.now(), 30_000)).toMatchObject({ id: 'T1:V1', attempts: 2 });
  }, 60_000);

  it('files a GitLab issue once (the restart finds it by its marker)', async () => {
    const values = { title: 'Idea', description: 'Details' };
    await store.enqueue(
      { id: 'T1:V1', teamId: 'T1', userId: 'U1', routeId: 'support-meta', payload: { values } },
      Date.now(),
    );
    await crashAndRestart('issue');
    expect(stubs.issues).toHaveLength(1);
    expect(stubs.counts.issuePosts).toBe(1);
    expect(stubs.counts.searches).toBe(1);
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: '#1' } });
  }, 60_000);
});
