// Builds the real Bolt app with test dependencies, starts it on a loopback port and sends signed
// requests to it. The Slack Web API stays at https://slack.com/api, where tests intercept it with nock.
import type http from 'node:http';
import path from 'node:path';
import nock from 'nock';
import type { App } from '@slack/bolt';
import { createApp } from '../../src/app';
import { insightsFor, withFiling, type BaseDeps } from '../../src/build-deps';
import { buildFiling, type Filing } from '../../src/compose-filing';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { createWebClient } from '../../src/slack/client-options';
import { parseConfig, type Config } from '../../src/config';
import type { AppDeps } from '../../src/deps';
import { createLogger } from '../../src/logger';
import { createOncallService } from '../../src/oncall/service';
import { createStaticProvider, type StaticSchedules } from '../../src/oncall/static';
import type { OncallProvider } from '../../src/oncall/types';
import { loadRules } from '../../src/routing/load';
import type { Classification, RuleSet } from '../../src/routing/types';
import { createEventDedupe, type EventDedupe } from '../../src/slack/dedupe';
import type { MembershipService } from '../../src/slack/membership';
import { BOT_ID, BOT_USER, type Encoded } from './payloads';
import { SIGNING_SECRET, signedHeaders } from './signing';
import { request, type Response } from './http';
import { freshSqlite } from './stores';

export { eventually, formFields, request, type Response } from './http';

export const BOT_TOKEN = 'xoxb-test-token';
export const FIXTURE_RULES = path.join(__dirname, '..', 'fixtures', 'rules.yml');

let cachedRules: RuleSet | undefined;
export const testRules = (): RuleSet => (cachedRules ??= loadRules(FIXTURE_RULES));

export const SCHEDULES: StaticSchedules = {
  schedules: {
    support: [{ name: 'Alice Example', slack_user_id: 'U0ALICE' }],
    cmoc: [{ name: 'Bob Example', slack_user_id: 'U0BOB' }],
    manager: [{ name: 'Mina Manager', slack_user_id: 'U0MINA' }],
  },
};

/** A classifier stub: the first pattern that matches the text decides; else "unknown". */
export function classifyBy(table: Array<[RegExp, string, string[]?]>) {
  return (text: string): Classification => {
    const hit = table.find(([re]) => re.test(text));
    if (!hit)
      return {
        route: 'unknown',
        confidence: 0.2,
        alternatives: [{ route: 'general-question', confidence: 0.1 }],
        evidence: [],
      };
    return {
      route: hit[1],
      confidence: 0.9,
      alternatives: (hit[2] ?? []).map((route) => ({ route, confidence: 0.05 })),
      evidence: [`matched "${hit[0].source}"`],
    };
  };
}

export const DEFAULT_CLASSIFIER = classifyBy([
  [/cmoc/i, 'oncall/cmoc', ['oncall/support']],
  [/on call/i, 'oncall/support', ['oncall/cmoc']],
  [/star|escalate/i, 'star', ['customer-needs-support']],
  [/who owns/i, 'customer-info-request'],
  [/customer/i, 'customer-needs-support'],
  [/how do i|can gitlab/i, 'general-question', ['support-feedback', 'star']],
]);

export interface TestAppOptions {
  /** Defaults to the small fixture rules. */
  rules?: RuleSet;
  provider?: OncallProvider;
  oncallTimeoutMs?: number;
  classify?: AppDeps['classify'];
  myRequests?: AppDeps['myRequests'];
  /** Filing as the test needs it (buildFiling); defaults to a fresh SQLite store, the default settings, no GitLab or Zendesk. */
  filing?: Filing | ((base: BaseDeps) => Promise<Filing>);
  config?: Record<string, string>;
  /** Defaults to a fresh in-memory dedupe. */
  dedupe?: EventDedupe;
  /** Defaults to a silent logger. */
  logger?: AppDeps['logger'];
  /** Defaults to everyone being a member; test/security drives the real check over users.info. */
  membership?: MembershipService;
  /** How long Bolt waits for an ack before answering on its own; short by default to keep tests quick. */
  ackTimeoutMs?: number;
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  port: number;
  send(payload: Encoded, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Membership pinned to "a full member", for suites about something else. */
export const EVERYONE_A_MEMBER: MembershipService = {
  peek: () => ({ member: true }),
  check: () => Promise.resolve({ member: true }),
};

export function testConfig(extra: Record<string, string> = {}): Config {
  return parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

/** The base dependencies (everything but filing), for suites that do not start the app. */
export function testDeps(opts: TestAppOptions = {}): BaseDeps {
  const logger = opts.logger ?? createLogger('silent');
  const rules = opts.rules ?? testRules();
  const config = testConfig(opts.config);
  return {
    config,
    logger,
    rules,
    classify: opts.classify ?? DEFAULT_CLASSIFIER,
    oncall: createOncallService(opts.provider ?? createStaticProvider(SCHEDULES), {
      cacheMs: 60_000,
      timeoutMs: opts.oncallTimeoutMs ?? 1000,
      logger,
    }),
    dedupe: opts.dedupe ?? createEventDedupe(),
    insights: insightsFor(config, logger, rules),
    membership: opts.membership ?? EVERYONE_A_MEMBER,
  };
}

/** A Web API client like the app's, at https://slack.com/api where tests intercept it with nock. */
export const testWebClient = (logger: AppDeps['logger']) =>
  createWebClient(BOT_TOKEN, { retries: 0, timeoutMs: 2000 }, logger);

/** Filing over a fresh SQLite store with the default settings (nothing is filed: no GitLab or Zendesk). */
export async function testFiling(
  base: BaseDeps,
  config: Record<string, string> = {},
  extra: Partial<Parameters<typeof buildFiling>[0]> = {},
): Promise<Filing> {
  return buildFiling({
    ...extra,
    config: parseConfig(config),
    logger: base.logger,
    rules: base.rules,
    slack: testWebClient(base.logger),
    store: extra.store ?? (await freshSqlite()),
    settings: DEFAULT_SETTINGS,
  });
}

/** Every dependency, composed the way main.ts composes them. */
export async function testAppDeps(opts: TestAppOptions = {}): Promise<AppDeps> {
  const base = testDeps(opts);
  const filing =
    typeof opts.filing === 'function' ? await opts.filing(base) : (opts.filing ?? (await testFiling(base)));
  const deps = withFiling(base, filing);
  return opts.myRequests ? { ...deps, myRequests: opts.myRequests } : deps;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const deps = await testAppDeps(opts);
  const app = createApp(deps, {
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    botId: BOT_ID,
    botUserId: BOT_USER,
    client: { retries: 0, timeoutMs: 2000 },
    unhandledRequestTimeoutMillis: opts.ackTimeoutMs ?? 500,
  });
  await app.init();
  const server = (await app.start(0)) as http.Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    deps,
    port,
    send: (payload, headers) =>
      request(port, 'POST', '/slack/events', payload.body, {
        ...signedHeaders(payload.body, { contentType: payload.contentType }),
        ...headers,
      }),
    stop: async () => {
      await app.stop();
      await deps.status.stop();
      await deps.filing.stop();
    },
  };
}

/**
 * Registers the hooks that start the app and stop it again, and returns a getter for the running app
 * (the app only exists once the hook has run, so the suite reads it inside its tests).
 * `fresh` starts one app per test instead of one per describe block, for tests that leave state behind
 * (dedupe entries, on-call cache).
 */
export function useTestApp(
  opts: TestAppOptions = {},
  { fresh = false }: { fresh?: boolean } = {},
): () => TestApp {
  let running: TestApp | undefined;
  const start = async () => {
    running = await startTestApp(opts);
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
    nock.cleanAll();
  };
  if (fresh) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  return () => {
    if (!running) throw new Error('the test app is not running: call the getter inside a test');
    return running;
  };
}
