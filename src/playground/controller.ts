// What the person does on the page, sent to the app as Slack would send it, and the app's acks
// applied as Slack applies them: a command's answer, view_submission's response_action (errors,
// update, push, clear, or close), and the messages the person posts.
import { z } from 'zod';
import { type AppEndpoint, sendCommand, sendEvent, sendInteraction, type Ack } from './driver';
import type { AppSurfaces } from './manifest';
import {
  blockActions,
  commandFields,
  eventEnvelope,
  globalShortcut,
  homeOpenedEvent,
  mentionEvent,
  messageShortcut,
  viewPayload,
} from './payloads';
import { slackClientErrors } from './required';
import { type ResponseUrls, responseSchema } from './responses';
import { actionOf, findElement, pageValuesSchema, stateFrom, type PageValues } from './values';
import { pushView, updateView, viewJson } from './views';
import { BOT_USER, CHANNEL, DM, USER, type Workspace } from './workspace';

const value = z.union([z.string().max(4000), z.array(z.string().max(4000)).max(100)]);
export const pageActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string().trim().min(1).max(4000),
    thread: z.string().optional(),
  }),
  z.object({ type: z.literal('surface'), surface: z.enum(['channel', 'home', 'dm']) }),
  z.object({ type: z.literal('thread'), ts: z.string().optional() }),
  z.object({ type: z.literal('global_shortcut') }),
  z.object({ type: z.literal('message_shortcut'), channel: z.string(), ts: z.string() }),
  z.object({
    type: z.literal('block_action'),
    container: z.string(),
    block: z.string(),
    action: z.string(),
    value: value.optional(),
    values: pageValuesSchema.optional(),
  }),
  z.object({ type: z.literal('submit'), view: z.string(), values: pageValuesSchema }),
  z.object({ type: z.literal('close'), view: z.string() }),
]);
export type PageAction = z.infer<typeof pageActionSchema>;

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

const errorsSchema = z.record(z.string(), z.string());

export class Controller {
  constructor(private readonly d: ControllerDeps) {}

  async handle(action: PageAction): Promise<void> {
    this.d.ws.alert = undefined;
    const handlers: { [K in PageAction['type']]: (a: Extract<PageAction, { type: K }>) => Promise<void> } = {
      message: (a) => this.message(a.text, a.thread),
      surface: (a) => this.surface(a.surface),
      thread: async (a) => {
        this.d.ws.openThread = a.ts;
        this.d.ws.changed();
      },
      global_shortcut: () => this.globalShortcut(),
      message_shortcut: (a) => this.messageShortcut(a.channel, a.ts),
      block_action: (a) => this.blockAction(a),
      submit: (a) => this.submit(a.view, a.values),
      close: (a) => this.close(a.view),
    };
    await (handlers[action.type] as (a: PageAction) => Promise<void>)(action);
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

  private async blockAction(a: Extract<PageAction, { type: 'block_action' }>): Promise<void> {
    const { ws, responses } = this.d;
    const [kind, ...rest] = a.container.split(':');
    const triggerId = ws.issueTrigger();
    const actionTs = ws.nextTs();
    if (kind === 'message') {
      const [channel = '', ts = ''] = rest;
      const message = ws.find(channel, ts);
      const element = message && findElement(message.blocks, a.block, a.action);
      if (!message || !element) return;
      const { url } = responses.create({
        channel,
        sourceTs: ts,
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      });
      const payload = blockActions({
        action: actionOf(element, a.block, a.value, actionTs),
        triggerId,
        message,
        responseUrl: url,
        state: stateFrom(message.blocks, a.values ?? {}),
      });
      this.checked(await sendInteraction(await this.d.app(), payload), 'the button');
      return;
    }
    const view = ws.viewById(rest.join(':'));
    const element = view && findElement(view.view.blocks, a.block, a.action);
    if (!view || !element) return;
    if (a.values) view.state = stateFrom(view.view.blocks, a.values);
    const payload = blockActions({
      action: actionOf(element, a.block, a.value, actionTs),
      triggerId,
      view: viewJson(view, ws),
      state: view.state,
    });
    this.checked(await sendInteraction(await this.d.app(), payload), 'the button');
  }

  private async submit(viewId: string, values: PageValues): Promise<void> {
    const { ws } = this.d;
    const view = ws.modals.at(-1);
    if (!view || view.id !== viewId) return;
    view.state = stateFrom(view.view.blocks, values);
    const checked = slackClientErrors(view.view.blocks, view.state);
    if (Object.keys(checked).length) {
      view.errors = checked;
      return ws.changed();
    }
    const payload = viewPayload('view_submission', viewJson(view, ws), ws.issueTrigger());
    const ack = this.checked(await sendInteraction(await this.d.app(), payload), 'the form');
    if (ack.status !== 200) return;
    const body = ack.body ?? {};
    const next =
      body.view && typeof body.view === 'object' ? (body.view as Record<string, unknown>) : undefined;
    if (body.response_action === 'errors') {
      view.errors = errorsSchema.catch({}).parse(body.errors);
      ws.changed();
    } else if (body.response_action === 'update' && next) updateView(ws, view, next);
    else if (body.response_action === 'push' && next) pushView(ws, next);
    else {
      // An empty ack closes the submitted view; `clear` closes the whole stack.
      ws.modals = body.response_action === 'clear' ? [] : ws.modals.filter((v) => v.id !== viewId);
      ws.changed();
    }
  }

  private async close(viewId: string): Promise<void> {
    const { ws } = this.d;
    const view = ws.modals.find((v) => v.id === viewId);
    if (!view) return;
    ws.modals = ws.modals.filter((v) => v.id !== viewId);
    ws.changed();
    if (view.view.notify_on_close === true)
      this.checked(
        await sendInteraction(await this.d.app(), viewPayload('view_closed', viewJson(view, ws), '')),
        'closing the form',
      );
  }
}
