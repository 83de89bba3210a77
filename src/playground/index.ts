// Starts the playground: the page and Slack stand-in on one loopback port, the real app wired to
// it, and the rules file watched. Independent of how the app is composed: start-app.ts does that.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { configuredSecrets, createLogger, type Logger } from '../logger';
import { DEFAULT_RULES_FILE } from '../routing/load';
import type { RuleSet } from '../routing/types';
import { Controller } from './controller';
import { explain } from './explain';
import { readManifest, surfacesOf } from './manifest';
import { ResponseUrls } from './responses';
import { tryLoadRules, watchRules, type RulesLoad } from './rules-watch';
import { createPageServer } from './server';
import { freshDataDir, playgroundConfig } from './settings';
import { newSigningSecret, startPlaygroundApp, type PlaygroundApp } from './start-app';
import { Workspace } from './workspace';

export const DEFAULT_PORT = 3000;
const BOT_TOKEN = 'xoxb-playground';

export interface PlaygroundOptions {
  /** The environment the app's settings come from (the operator's .env and variables). */
  env: Record<string, string | undefined>;
  /** 0 asks the OS for a free port. */
  port?: number;
  rulesFile?: string;
  live?: boolean;
  manifestText?: string;
  logger?: Logger;
  rulesPollMs?: number;
}

export interface Playground {
  url: string;
  port: number;
  ws: Workspace;
  stop(): Promise<void>;
}

export class PlaygroundError extends Error {}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const clock = () => new Date().toTimeString().slice(0, 8);

export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const rulesFile = path.resolve(opts.rulesFile ?? opts.env.RULES_FILE ?? DEFAULT_RULES_FILE);
  const first = tryLoadRules(rulesFile);
  if (!first.ok)
    throw new PlaygroundError(
      `The rules file ${rulesFile} does not load:\n  - ${first.problems.join('\n  - ')}`,
    );
  let rules: RuleSet = first.rules;
  const live = opts.live === true;
  const surfaces = surfacesOf(opts.manifestText ?? readManifest());
  const ws = new Workspace();
  ws.rules = { file: rulesFile, ruleCount: rules.rules.length, loadedAt: clock(), problems: [] };
  let app: Promise<PlaygroundApp> | undefined;
  const endpoint = () => app ?? Promise.reject(new Error('the app is not running'));
  let baseUrl = '';
  const responses = new ResponseUrls(ws, () => baseUrl);
  const controller = new Controller({
    ws,
    surfaces,
    responses,
    app: endpoint,
    explain: (text) => explain(text, rules),
  });
  let logger: Logger = opts.logger ?? createLogger('warn');
  const server = createPageServer({
    ws,
    surfaces,
    controller,
    responses,
    botToken: BOT_TOKEN,
    live,
    onError: (err) => logger.error({ err }, 'playground request failed'),
  });
  const port = await listen(server, opts.port ?? DEFAULT_PORT);
  baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = freshDataDir();
  const config = playgroundConfig(opts.env, {
    apiUrl: `${baseUrl}/api/`,
    signingSecret: newSigningSecret(),
    dataDir,
    rulesFile,
    live,
  });
  logger = opts.logger ?? createLogger(config.LOG_LEVEL, undefined, configuredSecrets(config));
  const boot = (r: RuleSet) =>
    startPlaygroundApp({
      config,
      logger,
      rules: r,
      onFiled: (s, title) =>
        ws.recordFiling({
          title,
          ...(s.result?.dryRun ? { preview: s.result.preview } : {}),
          ...(s.result?.url ? { url: s.result.url } : {}),
          ...(s.status === 'failed' ? { error: s.error ?? 'failed' } : {}),
        }),
    });
  app = boot(rules);
  try {
    await app;
  } catch (err) {
    // Nothing stays behind when the app cannot start: not the page's port, not the store's folder.
    server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const onRules = (load: RulesLoad) => {
    const status = ws.rules!;
    if (!load.ok) {
      ws.rules = { ...status, problems: load.problems };
      return ws.changed();
    }
    rules = load.rules;
    ws.rules = { file: rulesFile, ruleCount: rules.rules.length, loadedAt: clock(), problems: [] };
    const previous = app;
    // The app restarts with the new rules; the page, the workspace and the store stay.
    app = (previous ?? Promise.resolve(undefined))
      .then(
        (a) => a?.stop(),
        () => undefined,
      )
      .then(() => boot(load.rules));
    app.then(
      () => ws.changed(),
      (err: unknown) => {
        ws.alert = `The app did not restart with the new rules: ${err instanceof Error ? err.message : String(err)}`;
        ws.changed();
      },
    );
  };
  const unwatch = watchRules(rulesFile, onRules, opts.rulesPollMs);
  return {
    url: `${baseUrl}/`,
    port,
    ws,
    async stop() {
      unwatch();
      await (await app?.catch(() => undefined))?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
