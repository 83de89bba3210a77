// Builds and publishes a user's App Home. On-call lookups are time-boxed by the on-call service and
// never throw; a failing "my requests" source shows as "nothing yet" rather than breaking the tab.
import type { webApi } from '@slack/bolt';
import type { AppDeps, MyRequest } from '../deps';
import { buildHome } from '../views/home';

async function myRequests(deps: AppDeps, userId: string): Promise<MyRequest[] | undefined> {
  if (!deps.myRequests) return undefined;
  try {
    return await deps.myRequests(userId);
  } catch (err) {
    deps.logger.warn({ err }, 'my requests lookup failed');
    return undefined;
  }
}

export async function publishHome(client: webApi.WebClient, deps: AppDeps, userId: string): Promise<void> {
  const [support, cmoc, mine] = await Promise.all([
    deps.oncall.lookup('support'),
    deps.oncall.lookup('cmoc'),
    myRequests(deps, userId),
  ]);
  const view = buildHome({
    rules: deps.rules,
    oncall: { support, cmoc },
    ...(mine ? { myRequests: mine } : {}),
  });
  await client.views.publish({ user_id: userId, view });
}
