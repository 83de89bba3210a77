// Global middleware: an Events API delivery whose event_id was already handled stops here.
// Bolt has already acked it (events are acked before listeners run), so Slack sees a 200 and the
// retry produces no second reply.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger';
import type { EventDedupe } from './dedupe';

export function eventDedupeMiddleware(dedupe: EventDedupe, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !(await dedupe.firstSeen(eventId))) {
      logger.info({ eventId }, 'duplicate event delivery ignored');
      return;
    }
    await next();
  };
}
