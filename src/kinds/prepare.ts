// Turns a stored submission into what to file, by asking the submission's kind (KINDS). Runs in the
// worker, after the ack, so it may look up the on-call person and the requester's name and email.
// The worker knows nothing of forms: the composition root hands it this function.
import { FilingError } from '../filing/errors';
import type { FilingRequest, PrepareFiling } from '../filing/types';
import type { RuleSet } from '../routing/types';
import type { Submission } from '../store/types';
import { stripInvisible } from '../text/invisible';
import { kindOf } from '.';
import type { PlanDeps, Requester } from './kind';
import { readPayload } from './payload';

export type { PlanDeps, Requester } from './kind';
export { nameFromEmail } from './zendesk-requester';
export { answers } from './answers';

/** "Sam Seller (Slack user U0ABCDEF12)", or just the id when the name is unknown. */
function slackUserLabel(name: string | undefined, userId: string): string {
  const id = `Slack user ${userId.replace(/[^A-Z0-9]/gi, '')}`;
  return name ? `${name} (${id})` : id;
}

/** Where a submission will be filed, from its route's form kind (undefined for a route without a form). */
export function targetOf(
  rules: RuleSet,
): (s: Pick<Submission, 'routeId'>) => FilingRequest['target'] | undefined {
  return (s) => kindOf(rules.byId.get(s.routeId))?.kind.target;
}

export function createPrepare(deps: PlanDeps): PrepareFiling {
  return async (submission: Submission): Promise<FilingRequest> => {
    const found = kindOf(deps.rules.byId.get(submission.routeId));
    const payload = readPayload(submission.payload);
    if (!found) throw new FilingError('permanent', 'This kind of request is no longer filed by the bot.');
    const definition = found.kind.define(found.rule, deps.rules.byId, payload.optionId);
    // A failed lookup fails this preparation (retried): the request is never sent without its
    // requester and CC, and the first body that goes out is the one every retry sends.
    const looked =
      (await deps.lookupUser?.(submission.userId).catch((err: unknown) => {
        throw new FilingError('retryable', 'Slack did not say who sent this request.', {
          service: 'Slack',
          reasons: [err instanceof Error ? err.message : String(err)],
        });
      })) ?? {};
    // A Slack display name is typed by its owner like any other text.
    const who: Requester = looked.name ? { ...looked, name: stripInvisible(looked.name) } : looked;
    const footer = [
      // Named without a `@`: `@U0ABCDEF12` would mention whoever registers that name on GitLab.
      `Submitted from Slack by ${slackUserLabel(who.name, submission.userId)} via support-router.`,
      ...(payload.permalink ? [`Slack message: ${payload.permalink}`] : []),
    ];
    return found.kind.plan({ rule: found.rule, definition, values: payload.values, who, footer, deps });
  };
}
