// Counts and times every Slack request at one seam: App#processEvent, which both receivers (HTTP and
// Socket Mode) call with the verified request and its ack. A global middleware (app.use) would see
// the request too, but it gets a copy of the listener arguments, so it cannot observe the ack.
import type { App, ReceiverEvent } from '@slack/bolt';
import type { Metrics, Surface } from './registry';

const EVENT_SURFACES: Record<string, Surface> = { app_mention: 'mention', app_home_opened: 'home' };
const TYPE_SURFACES: Record<string, Surface> = {
  message_action: 'message_shortcut',
  shortcut: 'global_shortcut',
  block_actions: 'action',
  view_submission: 'view_submission',
};

/** The surface a request came from; undefined for kinds the bot does not serve (never a free-form value). */
export function surfaceOf(body: unknown): Surface | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { command?: unknown; type?: unknown; event?: { type?: unknown } };
  if (typeof b.command === 'string') return 'command';
  if (b.type === 'event_callback' && typeof b.event?.type === 'string')
    return Object.hasOwn(EVENT_SURFACES, b.event.type) ? EVENT_SURFACES[b.event.type] : undefined;
  if (typeof b.type === 'string' && Object.hasOwn(TYPE_SURFACES, b.type)) return TYPE_SURFACES[b.type];
  return undefined;
}

export function instrumentBolt(
  app: App,
  metrics: Metrics,
  now: () => number = performance.now.bind(performance),
) {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const surface = surfaceOf(event.body);
    if (!surface) return processEvent(event);
    metrics.requests.inc({ surface });
    const started = now();
    let timed = false;
    const ack = event.ack;
    return processEvent({
      ...event,
      ack: async (response) => {
        await ack(response);
        if (timed) return;
        timed = true;
        metrics.ackSeconds.observe({ surface }, (now() - started) / 1000);
      },
    });
  };
}
