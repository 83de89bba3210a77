// Turns a classification into a reply for any surface. Everything is immediate except an on-call
// route whose answer is not cached: then `now` says "looking up" and `later` resolves to the answer,
// which the surface sends after its ack.
import type { AppDeps } from '../deps';
import { isRotation, type Rotation } from '../oncall/types';
import { confidenceBand } from '../routing/bands';
import type { Classification } from '../routing/types';
import type { Message } from '../views/blocks';
import { buildOncallBlocks, buildOncallPending } from '../views/oncall';
import { buildTriageMessage, type TriageInput } from '../views/triage';

export interface Reply {
  now: Message;
  later?: Promise<Message>;
}

export type TriageOptions = Pick<TriageInput, 'quoted' | 'permalink' | 'why'>;

/** "oncall/cmoc" -> "cmoc"; any other on-call rule asks for the Support rotation. */
export function rotationOf(routeId: string): Rotation {
  const suffix = routeId.split('/')[1] ?? '';
  return isRotation(suffix) ? suffix : 'support';
}

export function triageReply(deps: AppDeps, classification: Classification, opts: TriageOptions = {}): Reply {
  const base = { rules: deps.rules, classification, ...opts };
  const rule = deps.rules.byId.get(classification.route);
  // Below the high band the person confirms the route first; only then is the rotation looked up.
  if (rule?.action !== 'oncall' || confidenceBand(classification) !== 'high')
    return { now: buildTriageMessage(base) };
  const rotation = rotationOf(rule.id);
  const cached = deps.oncall.peek(rotation);
  if (cached) {
    const oncall = buildOncallBlocks(rotation, { ok: true, answer: cached, cached: true });
    return { now: buildTriageMessage({ ...base, oncall }) };
  }
  return {
    now: buildTriageMessage({ ...base, oncall: buildOncallPending(rotation) }),
    later: deps.oncall
      .lookup(rotation)
      .then((result) => buildTriageMessage({ ...base, oncall: buildOncallBlocks(rotation, result) })),
  };
}

/** The classification used when the user picked a route by hand. */
export function picked(route: string): Classification {
  return { route, confidence: 1, alternatives: [], evidence: [] };
}
