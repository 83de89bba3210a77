// The real app on a loopback port with a store and status updates attached the way main attaches
// them; Slack's Web API is nock'd, and every chat.postMessage is kept for the test to read.
import nock from 'nock';
import { createStatusService, type StatusService } from '../../src/status/service';
import type { FilingStore } from '../../src/store/types';
import { request, startTestApp, type Response, type TestApp } from '../helpers/app';
import { formFields } from '../helpers/http';
import { freshSqlite } from '../helpers/stores';
import { STATUS_CONFIG } from './standins';

export interface StatusApp {
  t: TestApp;
  store: FilingStore;
  status: StatusService;
  posts: Record<string, string>[];
  post(path: string, body: string, headers: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Keeps every chat.postMessage (answered ok, with a ts) for the rest of the test. */
export function recordSlackPosts(posts: Record<string, string>[]): void {
  nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .reply((_uri, body) => {
      const fields = formFields(body);
      posts.push(fields);
      return [200, { ok: true, channel: fields.channel, ts: `17000000${posts.length}.0001` }];
    });
}

export async function startStatusApp(
  opts: { config?: Record<string, string>; store?: FilingStore; owner?: string } = {},
): Promise<StatusApp> {
  const config = { ...STATUS_CONFIG, STATUS_POLL_SECONDS: '300', ...opts.config };
  const t = await startTestApp({ config });
  const store = opts.store ?? (await freshSqlite());
  const status = createStatusService({
    config: t.deps.config,
    logger: t.deps.logger,
    rules: t.deps.rules,
    store,
    client: t.app.client,
    ...(opts.owner ? { owner: opts.owner } : {}),
    idleMs: 20,
  });
  t.deps.status = status;
  const posts: Record<string, string>[] = [];
  recordSlackPosts(posts);
  return {
    t,
    store,
    status,
    posts,
    post: (path, body, headers) => request(t.port, 'POST', path, body, headers),
    async stop() {
      await status.stop();
      await t.stop();
      await store.close();
    },
  };
}
