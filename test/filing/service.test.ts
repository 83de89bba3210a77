// What the filing service refuses at start: a second bot on the same SQLite file (SQLite serves one
// process; replicas need PostgreSQL), and a lease one GitLab or Zendesk call could outlast.
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { buildFiling } from '../../src/compose-filing';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { tempDir } from '../helpers/stores';

const slack = {
  chat: { postMessage: async () => ({}), postEphemeral: async () => ({}) },
  users: { info: async () => ({}) },
};
const start = (env: Record<string, string>) =>
  buildFiling({
    config: parseConfig(env),
    logger: memoryLogger().logger,
    rules: handbookRules(),
    slack,
  }).then((built) => built.filing);

it('refuses a second bot on the same SQLite file, and starts once the first has stopped', async () => {
  const env = { DATABASE_URL: `sqlite:${path.join(tempDir(), 'bot.sqlite')}` };
  const first = await start(env);
  await expect(start(env)).rejects.toThrow(
    /another support-router process is using the SQLite store .*run several replicas on PostgreSQL/,
  );
  await first.stop();
  const again = await start(env);
  await again.stop();
});

it('refuses a lease shorter than one call plus its margin', async () => {
  await expect(
    start({ DATA_DIR: tempDir(), FILING_TIMEOUT_MS: '20000', FILING_LEASE_MS: '20000' }),
  ).rejects.toThrow(/FILING_LEASE_MS: must be at least FILING_TIMEOUT_MS \+ 5000/);
});
