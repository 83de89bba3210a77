// view_submission of a filing modal: validate, store the submission (keyed by the view id, so a
// second press of Submit or a Slack retry files nothing new), then ack. Nothing remote happens
// before the ack; the worker files it afterwards.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { ACTION_IR_OPTION, BLOCK_IR_OPTION } from '../ids';
import { outOfHoursView, receivedView } from '../views/forms/messages';
import { isoDay, linkHosts, nowOf, type FormsDeps } from './deps';
import { kindOf, type FormDefinition } from '../kinds';
import { describeSupportHours, isWithinSupportHours } from '../kinds/hours';
import { decodeMetadata } from './metadata';
import { validateSubmission } from './validate';
import { mrkdwnSection, plain } from '../views/blocks';
import { actorOfBody } from '../slack/actor';
import { refusalText } from '../slack/membership';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const staleView = (text: string) => ({
  type: 'modal' as const,
  title: plain('Form out of date'),
  close: plain('Close'),
  blocks: [mrkdwnSection(text)],
});

const NOT_SAVED = 'I could not save your request just now. Nothing was filed: please press Submit again.';

/** A message the person cannot fix by editing one value, shown under the form's first field. */
function fieldError(def: FormDefinition, text: string) {
  return { response_action: 'errors' as const, errors: { [def.fields[0]?.id ?? BLOCK_IR_OPTION]: text } };
}

/** Slack waits 3 s for the ack; past this the modal shows the bot's own answer, not Slack's timeout. */
export const STORE_LIMIT_MS = 2000;

/** true once the write is done, false if the limit comes first; a failed write rejects. */
function storedInTime(write: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  return Promise.race([write.then(() => true), limit]).finally(() => clearTimeout(timer));
}

export async function handleFormSubmission(
  { ack, body, view, client }: SubmitArgs,
  deps: FormsDeps,
): Promise<void> {
  const meta = decodeMetadata(view.private_metadata);
  const picked =
    view.state.values[BLOCK_IR_OPTION]?.[ACTION_IR_OPTION]?.selected_option?.value ?? meta?.optionId;
  const found = meta ? kindOf(deps.rules.byId.get(meta.routeId)) : undefined;
  if (!meta || !found) {
    await ack({
      response_action: 'update',
      view: staleView('This form is out of date. Open it again from `/support`.'),
    });
    return;
  }
  const { kind, rule } = found;
  const def = kind.define(rule, deps.rules.byId, picked);
  // The bot files as whoever submits: a guest, someone from another organisation (Slack Connect)
  // or a deactivated account is refused before anything is stored, whatever the form's opener saw.
  const membership = await deps.membership.check(client, actorOfBody(body));
  if (!membership.member) {
    await ack(fieldError(def, refusalText(membership)));
    return;
  }
  const settings = deps.settings;
  const now = nowOf(deps);
  if (kind.onlyInSupportHours && !isWithinSupportHours(now, settings.supportHours)) {
    await ack({
      response_action: 'update',
      view: outOfHoursView(describeSupportHours(settings.supportHours), settings.star.emergencyUrl),
    });
    return;
  }
  const result = validateSubmission(def, view.state.values, linkHosts(deps), isoDay(now));
  if (!result.ok) {
    await ack({ response_action: 'errors', errors: result.errors });
    return;
  }
  const routeId = kind.fileUnder(def, rule, deps.rules.byId);
  const teamId = body.team?.id ?? view.team_id;
  const write = deps.filing.submit({
    id: `${teamId}:${view.id}`,
    teamId,
    userId: body.user.id,
    routeId,
    payload: {
      values: result.values,
      ...(def.option ? { optionId: def.option.id } : {}),
      ...(meta.permalink ? { permalink: meta.permalink } : {}),
      ...(meta.triageId ? { triageId: meta.triageId } : {}),
    },
    ...(meta.channel || meta.askedIn
      ? {
          reply: {
            ...(meta.channel ? { channel: meta.channel } : {}),
            ...(meta.threadTs ? { threadTs: meta.threadTs } : {}),
            ...(meta.askedIn ? { askedIn: meta.askedIn } : {}),
          },
        }
      : {}),
  });
  let stored: boolean;
  try {
    stored = await storedInTime(write, STORE_LIMIT_MS);
  } catch (err) {
    deps.logger.error({ err, route: routeId }, 'could not store a submission');
    await ack(fieldError(def, NOT_SAVED));
    return;
  }
  if (!stored) {
    // Not abandoned: a row that lands later is filed as usual, and Submit pressed again finds that
    // same row (same view id), so the request is filed once either way.
    deps.logger.error({ route: routeId, limitMs: STORE_LIMIT_MS }, 'the store did not answer in time');
    void write.then(
      () => deps.logger.warn({ route: routeId }, 'a submission was stored late; it is filed as usual'),
      (err: unknown) => deps.logger.error({ err, route: routeId }, 'could not store a submission'),
    );
    await ack(fieldError(def, NOT_SAVED));
    return;
  }
  await ack({
    response_action: 'update',
    view: receivedView(deps.rules.byId.get(routeId)?.title ?? rule.title, deps.filing.mode === 'dry-run'),
  });
}
