// What the playground takes from manifest.yml, as Slack would: the slash command, the shortcuts, the
// bot's name, the events it subscribes to and whether its Messages tab is on (Slack refuses a bot's
// DM with `messages_tab_disabled` while it is off, the default for new apps since February 2021).
//   https://docs.slack.dev/reference/app-manifest
//   https://docs.slack.dev/reference/methods/chat.postMessage#errors
import fs from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import { packageRoot } from '../routing/load';

export const MANIFEST = path.join(packageRoot(), 'manifest.yml');

const appHomeSchema = z.object({
  home_tab_enabled: z.boolean().optional(),
  messages_tab_enabled: z.boolean().optional(),
  messages_tab_read_only_enabled: z.boolean().optional(),
});

const manifestSchema = z.object({
  display_information: z.object({ name: z.string() }),
  features: z
    .object({
      app_home: appHomeSchema.optional(),
      bot_user: z.object({ display_name: z.string() }).optional(),
      slash_commands: z
        .array(z.object({ command: z.string(), usage_hint: z.string().optional() }))
        .optional(),
      shortcuts: z
        .array(z.object({ name: z.string(), type: z.enum(['message', 'global']), callback_id: z.string() }))
        .optional(),
    })
    .optional(),
  settings: z
    .object({ event_subscriptions: z.object({ bot_events: z.array(z.string()).optional() }).optional() })
    .optional(),
});

export type AppHome = z.infer<typeof appHomeSchema>;

export interface AppSurfaces {
  botName: string;
  appHome: AppHome;
  command?: string;
  messageShortcut?: { name: string; callbackId: string };
  globalShortcut?: { name: string; callbackId: string };
  events: string[];
}

export const readManifest = (file = MANIFEST): string => fs.readFileSync(file, 'utf8');

/** The manifest's app_home section; a missing key is Slack's default (off). */
export function appHomeOf(manifestText: string): AppHome {
  return surfacesOf(manifestText).appHome;
}

export function surfacesOf(manifestText: string): AppSurfaces {
  const m = manifestSchema.parse(parseYaml(manifestText));
  const shortcut = (type: 'message' | 'global') => {
    const s = m.features?.shortcuts?.find((x) => x.type === type);
    return s ? { name: s.name, callbackId: s.callback_id } : undefined;
  };
  const message = shortcut('message');
  const global = shortcut('global');
  const command = m.features?.slash_commands?.[0]?.command;
  return {
    botName: m.features?.bot_user?.display_name ?? m.display_information.name,
    appHome: m.features?.app_home ?? {},
    ...(command ? { command } : {}),
    ...(message ? { messageShortcut: message } : {}),
    ...(global ? { globalShortcut: global } : {}),
    events: m.settings?.event_subscriptions?.bot_events ?? [],
  };
}
