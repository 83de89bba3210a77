// The playground's Slack workspace: one person, one channel, the bot's DM, App Home and the modal
// stack, with every Web API call the bot made and every filing preview. The stand-in writes to it,
// the page reads it; each change bumps `version`, which the page waits on.
import type { Json, StateValues } from './render/context';

export const TEAM = 'T0PLAYGROUND';
export const USER = 'U0YOU';
export const USER_NAME = 'You';
export const USER_EMAIL = 'you@example.com';
export const BOT_USER = 'U0SUPPORTBOT';
export const BOT_ID = 'B0SUPPORTBOT';
export const CHANNEL = 'C0PLAYGROUND';
export const CHANNEL_NAME = 'playground';
/** The bot's DM with the person (Slack's "Messages" tab). */
export const DM = 'D0SUPPORTBOT';

/** The sample on-call schedule's people, so their mentions read as names. */
export const ONCALL_PEOPLE = {
  support: { id: 'U0SASHA', name: 'Sasha Support' },
  cmoc: { id: 'U0CASEY', name: 'Casey Comms' },
  manager: { id: 'U0MORGAN', name: 'Morgan Manager' },
} as const;

export interface Message {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: Json[];
  threadTs?: string;
  /** Visible to the person only (chat.postEphemeral, or an ephemeral response). */
  ephemeral?: boolean;
  /** For rules authors: how the rules classified this message (set by the playground, not Slack). */
  note?: string;
}

export interface View {
  id: string;
  hash: string;
  type: 'modal' | 'home';
  view: Json;
  state: StateValues;
  errors?: Record<string, string>;
}

export interface Call {
  seq: number;
  method: string;
  args: Json;
  ok: boolean;
  error?: string;
}

export interface FilingRecord {
  seq: number;
  title: string;
  /** What would have been filed (dry run), or the link of what was filed (live). */
  preview?: unknown;
  url?: string;
  /** Why it could not be filed (live filing), in the filer's plain words. */
  error?: string;
}

export interface RulesStatus {
  file: string;
  ruleCount: number;
  loadedAt: string;
  problems: string[];
}

type Waiter = () => void;

export class Workspace {
  version = 0;
  messages: Message[] = [];
  modals: View[] = [];
  home: View | undefined;
  calls: Call[] = [];
  filings: FilingRecord[] = [];
  rules: RulesStatus | undefined;
  /** Where the person looks now, and the thread they opened. */
  surface: 'channel' | 'home' | 'dm' = 'channel';
  openThread: string | undefined;
  /** What went wrong between the page and the app (an ack that never came, an HTTP error). */
  alert: string | undefined;
  /** trigger_ids handed to the app with an interaction; views.open and views.push spend one. */
  triggers = new Set<string>();
  private clock = Math.floor(Date.now() / 1000);
  private seq = 0;
  private waiters: Waiter[] = [];

  /** A fresh, increasing Slack timestamp. */
  nextTs(): string {
    this.seq += 1;
    return `${this.clock}.${String(this.seq).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  issueTrigger(): string {
    const id = `${this.nextId('')}.${this.clock}.playground`;
    this.triggers.add(id);
    return id;
  }

  changed(): void {
    this.version += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once the version passes `seen`, or after `timeoutMs`. */
  waitForChange(seen: number, timeoutMs: number): Promise<void> {
    if (this.version > seen) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref(); // a page still waiting never keeps the process alive
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  post(message: Omit<Message, 'ts'> & { ts?: string }): Message {
    const posted = { ...message, ts: message.ts ?? this.nextTs() };
    this.messages.push(posted);
    this.changed();
    return posted;
  }

  find(channel: string, ts: string): Message | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  replace(channel: string, ts: string, content: Pick<Message, 'text' | 'blocks'>): boolean {
    const message = this.find(channel, ts);
    if (!message) return false;
    Object.assign(message, content);
    this.changed();
    return true;
  }

  remove(channel: string, ts: string): boolean {
    const before = this.messages.length;
    this.messages = this.messages.filter((m) => !(m.channel === channel && m.ts === ts));
    this.changed();
    return this.messages.length < before;
  }

  record(call: Omit<Call, 'seq'>): void {
    this.calls.push({ ...call, seq: this.calls.length + 1 });
    this.changed();
  }

  recordFiling(filing: Omit<FilingRecord, 'seq'>): void {
    this.filings.push({ ...filing, seq: this.filings.length + 1 });
    this.changed();
  }

  /** The open modal (top of the stack) or App Home, by view id. */
  viewById(id: string): View | undefined {
    return this.modals.find((v) => v.id === id) ?? (this.home?.id === id ? this.home : undefined);
  }
}
