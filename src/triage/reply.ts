// Turns a classification into a reply for any surface. Everything is immediate except an on-call
// route whose answer (or whose asker's membership) is not cached: then `now` says "looking up" and
// `later` resolves to the answer, which the surface sends after its ack. The handbook's answers are
// for everyone; who is on call is shown to the workspace's own members only.
import type { AppDeps } from '../deps';
import type { Surface } from '../metrics/registry';
import { isRotation, type Rotation } from '../oncall/types';
import { confidenceBand } from '../routing/bands';
import type { Classification } from '../routing/types';
import type { Actor, MembershipClient } from '../slack/membership';
import type { Message } from '../views/blocks';
import { buildOncallBlocks, buildOncallMembersOnly, buildOncallPending } from '../views/oncall';
import { buildTriageMessage, type TriageInput } from '../views/triage';

export interface Reply {
  now: Message;
  later?: Promise<Message>;
}

export type TriageOptions = Pick<TriageInput, 'quoted' | 'permalink' | 'why' | 'ref'> & {
  /** An answer from the classifier: recorded (metrics, analytics) with the text it classified. */
  record?: { surface: Surface; text: string };
};

/** Who asks, and the client to check them with (users.info). */
export interface Viewer {
  client: MembershipClient;
  actor: Actor;
}

/** "oncall/cmoc" -> "cmoc"; any other on-call rule asks for the Support rotation. */
export function rotationOf(routeId: string): Rotation {
  const suffix = routeId.split('/')[1] ?? '';
  return isRotation(suffix) ? suffix : 'support';
}

export function triageReply(
  deps: AppDeps,
  viewer: Viewer,
  classification: Classification,
  { record, ...opts }: TriageOptions = {},
): Reply {
  // The one place a classifier's answer is recorded; its id rides in the answer's blocks.
  const ref = record
    ? { triageId: deps.insights.triaged({ ...record, classification }), route: classification.route }
    : opts.ref;
  const base = { rules: deps.rules, classification, ...opts, ...(ref ? { ref } : {}) };
  const rule = deps.rules.byId.get(classification.route);
  // Below the high band the person confirms the route first; only then is the rotation looked up.
  if (rule?.action !== 'oncall' || confidenceBand(classification) !== 'high')
    return { now: buildTriageMessage(base) };
  const rotation = rotationOf(rule.id);
  const withOncall = (oncall: Message['blocks']) => buildTriageMessage({ ...base, oncall });
  const known = deps.membership.peek(viewer.actor);
  if (known && !known.member) return { now: withOncall(buildOncallMembersOnly(rotation)) };
  const cached = deps.oncall.peek(rotation);
  if (known && cached)
    return { now: withOncall(buildOncallBlocks(rotation, { ok: true, answer: cached, cached: true })) };
  const answer = async () => {
    const membership = known ?? (await deps.membership.check(viewer.client, viewer.actor));
    if (!membership.member) return withOncall(buildOncallMembersOnly(rotation));
    return withOncall(buildOncallBlocks(rotation, await deps.oncall.lookup(rotation)));
  };
  return { now: withOncall(buildOncallPending(rotation)), later: answer() };
}

/** The classification used when the user picked a route by hand. */
export function picked(route: string): Classification {
  return { route, confidence: 1, alternatives: [], evidence: [] };
}
