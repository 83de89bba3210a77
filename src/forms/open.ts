// Opening a form: from the triage button, a /support subcommand, or App Home. Builds the modal
// (or, for a STAR outside Global Support Hours, the "not now, here is the emergency path" view)
// and opens it; inside another modal it is pushed on top.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, types } from '@slack/bolt';
import { decodeTriageRef } from '../analytics/triage-ref';
import type { Logger } from '../logger';
import type { Rule } from '../routing/schema';
import { createDmRefusalReport, isDmRefused } from '../slack/dm-refused';
import { actorOfBody } from '../slack/actor';
import { stripInvisible } from '../text/invisible';
import { refusalText } from '../slack/membership';
import { decodeFormValue } from '../views/form-button';
import { buildFormModal } from '../views/forms/modal';
import { outOfHoursView } from '../views/forms/messages';
import { nowOf, type FormsDeps } from './deps';
import { kindOf } from '../kinds';
import { describeSupportHours, isWithinSupportHours } from '../kinds/hours';
import { encodeMetadata, type FormMetadata } from './metadata';

export interface OpenRequest {
  permalink?: string;
  /** Text to prefill the main free-text field with (the message a shortcut was used on, command text). */
  text?: string;
  prefill?: Record<string, string>;
  optionId?: string;
  channel?: string;
  threadTs?: string;
  askedIn?: NonNullable<FormMetadata['askedIn']>;
  /** The triage answer whose button opened the form. */
  triageId?: string;
}

/** The form's modal for a rule (or the emergency path for a kind taken only in Support Hours). */
export function buildOpenView(
  rule: Rule,
  deps: FormsDeps,
  open: OpenRequest = {},
): types.ModalView | undefined {
  const found = kindOf(rule);
  if (!found) return undefined;
  const { kind } = found;
  const def = kind.define(found.rule, deps.rules.byId, open.optionId);
  const hours = deps.settings.supportHours;
  if (kind.onlyInSupportHours && !isWithinSupportHours(nowOf(deps), hours))
    return outOfHoursView(describeSupportHours(hours), deps.settings.star.emergencyUrl);
  const prefill: Record<string, string> = { ...kind.defaults, ...open.prefill };
  if (open.text && !prefill[kind.textField]) {
    const text = stripInvisible(open.text);
    prefill[kind.textField] = open.permalink ? `${text}\n\n(${open.permalink})` : text;
  }
  const { prefill: _prefill, text: _text, optionId: _optionId, ...where } = open;
  const metadata: FormMetadata = {
    routeId: rule.id,
    ...(def.option ? { optionId: def.option.id } : {}),
    ...where,
  };
  return buildFormModal({
    definition: def,
    privateMetadata: encodeMetadata(metadata),
    prefill,
    ...(open.permalink ? { source: open.permalink } : {}),
  });
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Where the outcome goes: the thread of a public triage reply (a mention), otherwise a DM. For an
 * answer only the person saw (an ephemeral in a channel), that channel is kept as where they asked.
 */
export function replyTargetOf(
  body: BlockButtonAction,
): Pick<OpenRequest, 'channel' | 'threadTs' | 'askedIn'> {
  const channel = body.channel?.id;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const ephemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral;
  if (!channel || channel.startsWith('D')) return {};
  if (ephemeral || !message?.ts) return { askedIn: askedIn(channel, message?.thread_ts) };
  return { channel, threadTs: message.thread_ts ?? message.ts };
}

/** A channel (not a DM) the person asked in, with its thread when there is one. */
export function askedIn(channel: string, threadTs?: string): NonNullable<OpenRequest['askedIn']> {
  return { channel, ...(threadTs ? { threadTs } : {}) };
}

/** ACTION_OPEN_FORM: the button's value is a route id (plus the permalink from a message shortcut). */
export async function handleOpenForm(args: ButtonArgs, deps: FormsDeps): Promise<void> {
  const { ack, body, action } = args;
  await ack();
  // Only the workspace's own members file: checked here and again at submit.
  const membership = await deps.membership.check(args.client, actorOfBody(body));
  if (!membership.member) return tell(args, refusalText(membership), deps.logger);
  const decoded = decodeFormValue(action.value ?? '');
  const rule = deps.rules.byId.get(decoded.route);
  const triageId = decodeTriageRef(action.block_id)?.triageId;
  const view = rule
    ? buildOpenView(rule, deps, {
        ...replyTargetOf(body),
        ...(triageId ? { triageId } : {}),
        ...(decoded.permalink ? { permalink: decoded.permalink } : {}),
        ...(decoded.text ? { text: decoded.text } : {}),
      })
    : undefined;
  if (!view) {
    deps.logger.warn({ route: decoded.route }, 'open_form for a route without a form');
    return;
  }
  if (triageId && rule) deps.insights?.formOpened({ triageId, route: rule.id });
  await showForm(args, view, deps.logger);
}

/** What the user sees when Slack would not show the form (an expired trigger_id, a slow or failed call). */
export const FORM_NOT_OPENED = "I couldn't open the form. Please try again.";

/**
 * Pushes the form on top when the click came from inside a modal; anywhere else (a message, App
 * Home, whose body.view is the home tab) opens it: views.push needs an open modal. A failure comes
 * after the ack, so it is logged and told to the user here rather than left to the global handler.
 */
export async function showForm(args: ButtonArgs, view: types.ModalView, logger: Logger): Promise<void> {
  const { body, client } = args;
  const request = { trigger_id: body.trigger_id, view };
  try {
    if (body.view?.type === 'modal') await client.views.push(request);
    else await client.views.open(request);
  } catch (err) {
    logger.warn({ err }, 'could not open a form');
    await tell(args, FORM_NOT_OPENED, logger);
  }
}

const reportDmRefused = createDmRefusalReport();

/** Answers where the click came from: the message (response_url), the channel, or a DM (App Home). */
async function tell({ body, client, respond }: ButtonArgs, text: string, logger: Logger): Promise<void> {
  try {
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
    else if (body.channel?.id)
      await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
    else await client.chat.postMessage({ channel: body.user.id, text });
  } catch (err) {
    if (isDmRefused(err)) reportDmRefused(logger, err);
    logger.warn({ err }, 'could not tell the clicker why no form opened');
  }
}
