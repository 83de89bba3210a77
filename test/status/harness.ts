// The real app on a loopback port with a store and status updates attached the way main attaches
// them; Slack's Web API is nock'd, and every chat.postMessage is kept for the test to read.
import nock from 'nock';
import { createLogger } from '../../src/logger';
import type { Timing } from '../../src/filing/timing';
import type { StatusService } from '../../src/status/service';
import type { FilingStore } from '../../src/store/types';
import { request, startTestApp, testFiling, type Response, type TestApp } from '../helpers/app';
import { formFields } from '../helpers/http';
import { freshSqlite } from '../helpers/stores';
import { STATUS_CONFIG } from './standins';

export interface StatusApp {
  t: TestApp;
  store: FilingStore;
  status: StatusService;
  posts: Record<string, string>[];
  slack: SlackState;
  post(path: string, body: string, headers: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Slack as the test sets it: up (every post kept and answered with a ts), or down. */
export interface SlackState {
  down: boolean;
}

/**
 * Keeps every chat.postMessage for the rest of the test. While `down`, Slack answers as it does in
 * an outage (`ok: false`, `service_unavailable`, one of chat.postMessage's documented errors:
 * https://docs.slack.dev/reference/methods/chat.postMessage#errors).
 */
export function recordSlackPosts(posts: Record<string, string>[], slack: SlackState = { down: false }): void {
  nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .reply((_uri, body) => {
      if (slack.down) return [200, { ok: false, error: 'service_unavailable' }];
      const fields = formFields(body);
      posts.push(fields);
      return [200, { ok: true, channel: fields.channel, ts: `17000000${posts.length}.0001` }];
    });
}

export async function startStatusApp(
  opts: {
    config?: Record<string, string>;
    store?: FilingStore;
    owner?: string;
    timing?: Timing;
    checksPerMinute?: { zendesk: number; gitlab: number };
  } = {},
): Promise<StatusApp> {
  const config = { ...STATUS_CONFIG, STATUS_POLL_SECONDS: '300', ...opts.config };
  const store = opts.store ?? (await freshSqlite());
  const t = await startTestApp({
    config,
    ...(process.env.STATUS_DEBUG ? { logger: createLogger('debug') } : {}),
    filing: (base) =>
      testFiling(base, config, {
        store,
        ...(opts.owner ? { owner: opts.owner } : {}),
        statusTuning: {
          ...(opts.timing ? { timing: opts.timing } : {}),
          idleMs: 20,
          // The spacing of checks has its own test; here every webhook is looked at at once.
          checksPerMinute: opts.checksPerMinute ?? { zendesk: Infinity, gitlab: Infinity },
        },
      }),
  });
  const status = t.deps.status;
  const posts: Record<string, string>[] = [];
  const slack: SlackState = { down: false };
  recordSlackPosts(posts, slack);
  return {
    t,
    store,
    status,
    posts,
    slack,
    post: (path, body, headers) => request(t.port, 'POST', path, body, headers),
    async stop() {
      await t.stop();
    },
  };
}
