// Builds and publishes a user's App Home. When an on-call answer is not cached, the Home is published
// at once with "looking up" and again when the (time-boxed, never throwing) lookups are done, so a
// slow provider never leaves the tab blank. A failing "my requests" source shows as "Nothing yet.".
import type { webApi } from '@slack/bolt';
import type { AppDeps, MyRequest } from '../deps';
import { ROTATIONS, type OncallResult, type Rotation } from '../oncall/types';
import type { Actor } from '../slack/membership';
import { buildHome } from '../views/home';
import { weeklyFigures } from './weekly';

async function loadMyRequests(deps: AppDeps, userId: string): Promise<MyRequest[] | undefined> {
  try {
    return await deps.myRequests(userId);
  } catch (err) {
    deps.logger.warn({ err }, 'my requests lookup failed');
    return undefined;
  }
}

type OncallView = Record<Rotation, OncallResult | undefined>;

function cachedOncall(deps: AppDeps): OncallView {
  const view = {} as OncallView;
  for (const r of ROTATIONS) {
    const answer = deps.oncall.peek(r);
    view[r] = answer ? { ok: true, answer, cached: true } : undefined;
  }
  return view;
}

export async function publishHome(client: webApi.WebClient, deps: AppDeps, actor: Actor): Promise<void> {
  const userId = actor.userId ?? '';
  const membership = deps.membership.peek(actor) ?? (await deps.membership.check(client, actor));
  if (!membership.member) {
    await client.views.publish({
      user_id: userId,
      view: buildHome({ rules: deps.rules, oncall: cachedOncall(deps), member: false }),
    });
    return;
  }
  const [mine, weekly] = await Promise.all([loadMyRequests(deps, userId), weeklyFigures(deps, userId)]);
  const publish = (oncall: OncallView) =>
    client.views.publish({
      user_id: userId,
      view: buildHome({
        rules: deps.rules,
        oncall,
        ...(mine ? { myRequests: mine } : {}),
        ...(weekly ? { weekly } : {}),
      }),
    });
  const cached = cachedOncall(deps);
  if (ROTATIONS.every((r) => cached[r])) {
    await publish(cached);
    return;
  }
  await publish(cached);
  const results = await Promise.all(ROTATIONS.map((r) => deps.oncall.lookup(r)));
  await publish(Object.fromEntries(ROTATIONS.map((r, i) => [r, results[i]])) as OncallView);
}
