// What the person does on the page, sent to the app as Slack would send it: the messages they post
// (a slash command, a mention, a plain message), the surfaces they open, the shortcuts they use; a
// command's ack is shown as Slack shows it. Buttons and modals are in interactions.ts.
import { type AppEndpoint, sendCommand, sendEvent, sendInteraction, type Ack } from './driver';
import { blockAction, close, submit, type InteractionDeps } from './interactions';
import type { AppSurfaces } from './manifest';
import type { ActionOf, PageAction } from './page-actions';
import {
  commandFields,
  eventEnvelope,
  globalShortcut,
  homeOpenedEvent,
  mentionEvent,
  messageShortcut,
} from './payloads';
import { type ResponseUrls, responseSchema } from './responses';
import { BOT_USER, CHANNEL, DM, USER, type Workspace } from './workspace';

export interface ControllerDeps {
  ws: Workspace;
  surfaces: AppSurfaces;
  responses: ResponseUrls;
  /** The running app (it restarts when the rules change). */
  app: () => Promise<AppEndpoint>;
  /** How the current rules read a text, for the note beside the answer. */
  explain?: (text: string) => string | undefined;
}

/** Slack escapes &, < and > in what people type; the app receives it so. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class Controller {
  private readonly interactions: InteractionDeps;

  constructor(private readonly d: ControllerDeps) {
    this.interactions = { ...d, checked: (ack, what) => this.checked(ack, what) };
  }

  async handle(action: PageAction): Promise<void> {
    this.d.ws.alert = undefined;
    const i = this.interactions;
    const handlers: { [K in PageAction['type']]: (a: ActionOf<K>) => Promise<void> } = {
      message: (a) => this.message(a.text, a.thread),
      surface: (a) => this.surface(a.surface),
      thread: async (a) => {
        this.d.ws.openThread = a.ts;
        this.d.ws.changed();
      },
      global_shortcut: () => this.globalShortcut(),
      message_shortcut: (a) => this.messageShortcut(a.channel, a.ts),
      block_action: (a) => blockAction(i, a),
      submit: (a) => submit(i, a.view, a.values),
      close: (a) => close(i, a.view),
    };
    try {
      await (handlers[action.type] as (a: PageAction) => Promise<void>)(action);
    } catch (err) {
      // The app is restarting, or stopped: say so on the page rather than fail silently.
      this.d.ws.alert = `Could not reach the app: ${err instanceof Error ? err.message : String(err)}`;
      this.d.ws.changed();
    }
  }

  private checked(ack: Ack, what: string): Ack {
    if (ack.status !== 200) {
      this.d.ws.alert = `The app answered ${what} with HTTP ${ack.status}.`;
      this.d.ws.changed();
    }
    return ack;
  }

  private async message(text: string, thread?: string): Promise<void> {
    const { ws, surfaces } = this.d;
    const command = surfaces.command;
    if (command && (text === command || text.startsWith(`${command} `)))
      return this.command(command, text.slice(command.length).trim());
    const mention = `@${surfaces.botName}`;
    const mentions = text.includes(mention);
    const slackText = slackEscape(text).split(mention).join(`<@${BOT_USER}>`);
    const note = mentions ? this.d.explain?.(text.split(mention).join(' ')) : undefined;
    const posted = ws.post({
      channel: CHANNEL,
      user: USER,
      text: slackText,
      blocks: [],
      ...(thread ? { threadTs: thread } : {}),
      ...(note ? { note } : {}),
    });
    ws.surface = 'channel';
    if (mentions && surfaces.events.includes('app_mention'))
      this.checked(await sendEvent(await this.d.app(), eventEnvelope(mentionEvent(posted))), 'the mention');
  }

  private async command(command: string, text: string): Promise<void> {
    const { ws, responses } = this.d;
    ws.surface = 'channel';
    const { url, target } = responses.create({ channel: CHANNEL });
    const fields = commandFields(command, text, url, ws.issueTrigger());
    const ack = this.checked(await sendCommand(await this.d.app(), fields), command);
    const body = responseSchema.safeParse(ack.body ?? {});
    // A response that arrived before the ack was read already replaced the ack's answer.
    if (!body.success || (!body.data.text && !body.data.blocks) || target.sourceTs) return;
    responses.show(target, body.data);
    const note = this.d.explain?.(text);
    const shown = target.sourceTs ? ws.find(CHANNEL, target.sourceTs) : undefined;
    if (shown && note) shown.note = note;
    ws.changed();
  }

  private async surface(surface: Workspace['surface']): Promise<void> {
    const { ws, surfaces } = this.d;
    ws.surface = surface;
    ws.changed();
    if (surface === 'channel' || !surfaces.events.includes('app_home_opened')) return;
    const event = homeOpenedEvent(surface === 'home' ? 'home' : 'messages', DM, ws.nextTs());
    this.checked(await sendEvent(await this.d.app(), eventEnvelope(event)), 'App Home');
  }

  private async globalShortcut(): Promise<void> {
    const shortcut = this.d.surfaces.globalShortcut;
    if (!shortcut) return;
    const payload = globalShortcut(shortcut.callbackId, this.d.ws.issueTrigger(), this.d.ws.nextTs());
    this.checked(await sendInteraction(await this.d.app(), payload), shortcut.name);
  }

  private async messageShortcut(channel: string, ts: string): Promise<void> {
    const { ws, responses, surfaces } = this.d;
    const message = ws.find(channel, ts);
    const shortcut = surfaces.messageShortcut;
    if (!message || !shortcut) return;
    const { url } = responses.create({
      channel,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    });
    const payload = messageShortcut(shortcut.callbackId, message, ws.issueTrigger(), url, ws.nextTs());
    this.checked(await sendInteraction(await this.d.app(), payload), shortcut.name);
  }
}
