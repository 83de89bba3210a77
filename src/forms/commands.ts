// The /support subcommands that open a form or list requests. Each is an entry of a lookup table
// merged into /support's; each acks at once, then opens the modal with the command's trigger_id.
import type { AppDeps } from '../deps';
import { INTERNAL_REQUEST_PREFIX, internalRequestRoute, ROUTE } from '../routes';
import type { CommandArgs, SubcommandHandler, SubcommandTable } from '../slack/subcommand';
import { statusMessage } from '../views/forms/messages';
import { actorOfCommand } from '../slack/actor';
import { refusalText } from '../slack/membership';
import { ROUTE_GONE } from '../views/triage';
import { findOption, INTERNAL_REQUEST_OPTIONS } from '../kinds/internal-request-options';
import { askedIn, buildOpenView, FORM_NOT_OPENED, type OpenRequest } from './open';
import { recentRequests } from '../filing/my-requests';

async function openRoute(
  args: CommandArgs,
  deps: AppDeps,
  routeId: string,
  open: OpenRequest = {},
): Promise<void> {
  const rule = deps.rules.byId.get(routeId);
  // The command's channel is where the person asked: told there if their DM is refused.
  const channel = args.command.channel_id;
  const where = channel && !channel.startsWith('D') ? { askedIn: askedIn(channel) } : {};
  const view = rule ? buildOpenView(rule, deps, { ...where, ...open }) : undefined;
  if (!view) {
    // The rules have lost (or changed) the route.
    await args.ack({ response_type: 'ephemeral', text: ROUTE_GONE });
    return;
  }
  await args.ack();
  const membership = await deps.membership.check(args.client, actorOfCommand(args.command));
  if (!membership.member) {
    await args.respond({ response_type: 'ephemeral', text: refusalText(membership) });
    return;
  }
  try {
    await args.client.views.open({ trigger_id: args.command.trigger_id, view });
  } catch (err) {
    // After the ack, so Slack shows nothing: log it and tell the user.
    deps.logger.warn({ err, route: routeId }, 'could not open a form');
    await args.respond({ response_type: 'ephemeral', text: FORM_NOT_OPENED });
  }
}

function opener(
  description: string,
  routeOf: (rest: string, deps: AppDeps) => { route: string; open?: OpenRequest },
  usage?: string,
): SubcommandHandler {
  return {
    description,
    ...(usage ? { usage } : {}),
    run: (args, rest, deps) => {
      const { route, open } = routeOf(rest, deps);
      return openRoute(args, deps, route, open);
    },
  };
}

/** "extend saas trial" -> the option whose id has all those words; else "other". */
export function optionFromWords(rest: string): string {
  const direct = findOption(rest.trim());
  if (direct) return direct.id;
  const words = rest
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
  if (!words.length) return 'other';
  const hit = INTERNAL_REQUEST_OPTIONS.find((o) =>
    words.every((w) => `${o.id} ${o.option}`.toLowerCase().includes(w)),
  );
  return hit?.id ?? 'other';
}

const text = (rest: string): OpenRequest => (rest ? { text: rest } : {});

/** The /support subcommands that open a form, and `status`. */
export const FORM_SUBCOMMANDS: SubcommandTable = {
  star: opener(
    'ask Support to pay attention to an existing ticket (STAR)',
    (rest) => ({ route: ROUTE.star, open: rest ? { prefill: { ticket_link: rest } } : {} }),
    '[ticket link]',
  ),
  contact: opener(
    'have Support contact a GitLab.com user (add "incident" during an incident)',
    (rest) =>
      /^incident\b/i.test(rest)
        ? { route: ROUTE.contactIncident }
        : { route: ROUTE.contactSingleUser, open: rest ? { prefill: { gitlab_user: rest } } : {} },
    '[incident | username]',
  ),
  request: opener(
    'file an internal request (licenses, subscriptions, trials)',
    (rest, deps) => {
      // Free text ("request a license for a hackerone reporter") goes through the classifier first.
      const classified = rest ? deps.classify?.(rest).route : undefined;
      const id = classified?.startsWith(INTERNAL_REQUEST_PREFIX)
        ? classified.slice(INTERNAL_REQUEST_PREFIX.length)
        : optionFromWords(rest);
      return { route: internalRequestRoute(id), open: { optionId: id } };
    },
    '[what, e.g. "extend saas trial"]',
  ),
  'on-behalf': opener("open a ticket on a customer's behalf (sensitive cases only)", (rest) => ({
    route: ROUTE.ticketOnBehalf,
    open: text(rest),
  })),
  feedback: opener('pass on feedback about Support from a customer or prospect', (rest) => ({
    route: ROUTE.supportFeedback,
    open: text(rest),
  })),
  readiness: opener('prepare Support for a planned change', (rest) => ({
    route: ROUTE.supportReadiness,
    open: rest ? { prefill: { title: rest } } : {},
  })),
  meta: opener('propose an idea or discuss something with Support (public issue)', (rest) => ({
    route: ROUTE.supportMeta,
    open: rest ? { prefill: { title: rest } } : {},
  })),
  namespace: opener('claim an inactive GitLab.com namespace', (rest) => ({
    route: ROUTE.namespaceSquatting,
    open: rest ? { prefill: { namespace: rest } } : {},
  })),
  'org-note': opener('add a note to a Zendesk organization or user', (rest) => ({
    route: ROUTE.orgNotes,
    open: rest ? { prefill: { organization: rest } } : {},
  })),
  status: {
    description: 'your recent requests and where they are',
    async run(args, _rest, deps) {
      await args.ack();
      const rows = await recentRequests(deps.filing.store, deps.rules, args.command.user_id);
      await args.respond({ response_type: 'ephemeral', ...statusMessage(rows) });
    },
  },
};
