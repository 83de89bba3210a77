// manifest.yml is the whole app: valid against Slack's manifest schema, and exactly what the code
// registers (commands, shortcuts, events) and uses (bot scopes), in both directions.
import type { AppDeps } from '../../src/deps';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load as parseYaml } from 'js-yaml';
import { registerListeners } from '../../src/listeners';
import { recordingApp } from '../helpers/recording-app';
import { testAppDeps } from '../helpers/app';

const root = path.join(__dirname, '..', '..');
const manifest = parseYaml(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  features: {
    slash_commands: Array<{ command: string; url: string }>;
    shortcuts: Array<{ callback_id: string; type: string }>;
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

/** Scopes each Web API method needs; a method missing here fails the test, so the table stays true. */
const METHOD_SCOPES: Record<string, string | string[] | null> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.getPermalink': null,
  // No scope needed: https://docs.slack.dev/reference/methods/auth.test (config check --online).
  'auth.test': null,
  'views.open': null,
  'views.push': null,
  'views.update': null,
  'views.publish': null,
  'conversations.open': 'im:write',
  // The boot check that the bot is in the STAR channel (public; a private one answers channel_not_found).
  'conversations.info': 'channels:read',
  // The filing module reads the requester's email (internal requests, CC on tickets on behalf).
  'users.info': ['users:read', 'users:read.email'],
  'users.lookupByEmail': 'users:read.email',
};
const EVENT_SCOPES: Record<string, string | null> = {
  app_mention: 'app_mentions:read',
  app_home_opened: null,
};
const SHORTCUT_TYPES: Record<string, string> = { message_action: 'message', shortcut: 'global' };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function webApiMethods(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src')))
    for (const m of fs
      .readFileSync(file, 'utf8')
      .matchAll(/\bclient\s*\.\s*([a-z]+)\s*\.\s*([A-Za-z]+)\s*\(/g))
      found.add(`${m[1]}.${m[2]}`);
  return [...found].sort();
}

describe('manifest.yml', () => {
  const { app, registered } = recordingApp();
  let deps: AppDeps;
  beforeAll(async () => registerListeners(app, (deps = await testAppDeps())));
  afterAll(() => deps.filing.stop());

  it('is valid against Slack’s manifest schema', () => {
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '..', 'fixtures', 'slack-manifest-schema', 'manifest.schema.1.0.0.json'),
        'utf8',
      ),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('declares exactly the slash commands the code registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      [...registered.commands].sort(),
    );
  });

  it('declares exactly the shortcuts (callback ids and types) the code registers', () => {
    const code = registered.shortcuts
      .map((s) => `${SHORTCUT_TYPES[s.type ?? ''] ?? '?'}:${s.callback_id}`)
      .sort();
    expect(manifest.features.shortcuts.map((s) => `${s.type}:${s.callback_id}`).sort()).toEqual(code);
  });

  it('subscribes to exactly the events the code listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...new Set(registered.events)].sort(),
    );
  });

  it('asks for exactly the bot scopes the code uses', () => {
    const methods = webApiMethods();
    const unknown = methods.filter((m) => !(m in METHOD_SCOPES));
    expect(unknown).toEqual([]); // add new Web API methods to METHOD_SCOPES (and their scope to the manifest)
    const needed = new Set<string>();
    for (const m of methods) for (const scope of [METHOD_SCOPES[m] ?? []].flat()) needed.add(scope);
    for (const e of registered.events) if (EVENT_SCOPES[e]) needed.add(EVENT_SCOPES[e]!);
    if (registered.commands.length || registered.shortcuts.length) needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('sends commands, interactivity and events to one request URL, /slack/events, with the Home tab on', () => {
    const urls = new Set([
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]);
    expect([...urls].map((u) => new URL(u).pathname)).toEqual(['/slack/events']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('turns the Messages tab on, read-only: the bot DMs requesters, nobody writes to it', () => {
    // Slack refuses the app's DMs with messages_tab_disabled while the tab is off:
    // https://docs.slack.dev/reference/methods/chat.postMessage#errors
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });
});
