// Child process of the crash-loop soak (bench/filing-soak.ts): the filing side of one bot process,
// started the way main starts it (createFilingService, default lease and timeout, worker.start),
// against the loopback stubs. The soak SIGKILLs it at random and starts another. Each message to a
// requester is reported to the parent at once, so a notice sent twice across a kill is counted.
//   node dist/bench/filing-soak-worker.js '{"owner":"r1.2","stubsUrl":"http://127.0.0.1:…","location":{…}}'
import { buildFiling } from '../src/compose-filing';
import { createLogger } from '../src/logger';
import { loadRules } from '../src/routing/load';
import { openStore } from '../src/store';
import type { ReplicaOptions } from './filing-replica';
import { stubbedConfig } from './filing-stubs';

export type SoakWorkerMessage = { type: 'ready' } | { type: 'told'; channel: string };

async function run({ owner, stubsUrl, location }: ReplicaOptions): Promise<void> {
  const send = (msg: SoakWorkerMessage) => process.send?.(msg);
  const config = stubbedConfig(stubsUrl, { FILING_POLL_MS: '200' });
  const slack = {
    chat: {
      postMessage: async (args: { channel: string }) => (send({ type: 'told', channel: args.channel }), {}),
      postEphemeral: async () => ({}),
    },
    users: {
      info: async () => ({ user: { profile: { email: 'member@gitlab.example', real_name: 'Member' } } }),
    },
  };
  const { filing } = await buildFiling({
    config,
    logger: createLogger('silent'),
    rules: loadRules(),
    slack,
    store: await openStore(location),
    owner,
  });
  filing.start();
  send({ type: 'ready' });
  process.on('disconnect', () => void filing.stop().then(() => process.exit(0)));
}

if (require.main === module)
  void run(JSON.parse(process.argv[2] ?? '{}') as ReplicaOptions).catch((err: unknown) => {
    process.stderr.write(`soak worker: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
