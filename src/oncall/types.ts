// The on-call contract: one lookup per rotation, whatever the provider behind it. `manager` is the
// Support Manager on call, its own rotation: STARs go to that person (handbook), so it is never
// guessed from another rotation's escalation levels.
export const ROTATIONS = ['support', 'cmoc', 'manager'] as const;
export type Rotation = (typeof ROTATIONS)[number];

export interface OncallPerson {
  name: string;
  /** Shown as a Slack mention when known. */
  slackUserId?: string;
  /** When this person's shift ends, when the provider knows. */
  until?: Date;
  /** Provider's own label, e.g. "Primary" or "Escalation level 2". */
  role?: string;
  /** The schedule or escalation policy this person is on call for (PagerDuty), for display. */
  via?: string;
  /** The provider's email for the person (PagerDuty), to find their Slack id for a mention. */
  email?: string;
}

export interface OncallAnswer {
  rotation: Rotation;
  people: OncallPerson[];
  /** Human-readable provider name, e.g. "PagerDuty" or "static file". */
  source: string;
  fetchedAt: Date;
}

/** Who asked and where, when known: ChatOps passes them to its job as a chat run would. */
export interface Asker {
  /** The Slack user id (CHAT_USER_ID). */
  userId?: string;
  /** The Slack channel id the question was asked in (CHAT_CHANNEL). */
  channelId?: string;
}

/** A provider: talks to one system, no caching, no timeout of its own beyond the signal. */
export interface OncallProvider {
  readonly name: string;
  lookup(rotation: Rotation, signal: AbortSignal, asker?: Asker): Promise<OncallAnswer>;
}

/** What listeners see: a cached, time-boxed lookup that never throws. */
export type OncallResult =
  { ok: true; answer: OncallAnswer; cached: boolean } | { ok: false; reason: string };

export interface OncallService {
  /** `asker` reaches the provider when this call starts the lookup (a shared or cached one keeps its own). */
  lookup(rotation: Rotation, asker?: Asker): Promise<OncallResult>;
  /** The cached answer if it is still fresh, without any I/O (lets a listener answer inside the ack). */
  peek(rotation: Rotation): OncallAnswer | undefined;
}

export function isRotation(value: string): value is Rotation {
  return (ROTATIONS as readonly string[]).includes(value);
}
