// A stand-in for Bolt's App that records what registerListeners registers, so tests can compare the
// code's commands, shortcuts, events and callbacks with manifest.yml without starting anything.
import type { App } from '@slack/bolt';

export interface Registrations {
  commands: string[];
  shortcuts: Array<{ callback_id: string; type?: string }>;
  events: string[];
  views: string[];
  actions: string[];
}

type Constraint =
  string | RegExp | { callback_id?: string | RegExp; action_id?: string | RegExp; type?: string };

const id = (c: Constraint, key: 'callback_id' | 'action_id'): string =>
  typeof c === 'string' ? c : c instanceof RegExp ? c.source : String(c[key]);

export function recordingApp(): { app: App; registered: Registrations } {
  const registered: Registrations = { commands: [], shortcuts: [], events: [], views: [], actions: [] };
  const fake = {
    use: () => undefined,
    error: () => undefined,
    command: (name: string | RegExp) => void registered.commands.push(String(name)),
    event: (name: string | RegExp) => void registered.events.push(String(name)),
    view: (c: Constraint) => void registered.views.push(id(c, 'callback_id')),
    action: (c: Constraint) => void registered.actions.push(id(c, 'action_id')),
    shortcut: (c: Constraint) =>
      void registered.shortcuts.push({
        callback_id: id(c, 'callback_id'),
        ...(typeof c === 'object' && !(c instanceof RegExp) && c.type ? { type: c.type } : {}),
      }),
  };
  return { app: fake as unknown as App, registered };
}
