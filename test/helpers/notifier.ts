// A SlackNotifier with the form kinds' follow-up steps wired the way the composition root wires
// them (compose-filing.ts), so notifier suites see the STAR channel notice as production does.
import { SlackNotifier, type NotifierDeps } from '../../src/filing/notify';
import { followUpsOf } from '../../src/kinds/follow-ups';
import type { FollowUpDeps } from '../../src/kinds/kind';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';

export function testNotifier(
  deps: Omit<NotifierDeps, 'followUps'> & Partial<Omit<FollowUpDeps, 'client'>>,
): SlackNotifier {
  const { client, rules, settings = DEFAULT_SETTINGS, oncall, slackIdForEmail, onPosted } = deps;
  return new SlackNotifier({
    client,
    rules,
    ...(onPosted ? { onPosted } : {}),
    followUps: followUpsOf(rules, {
      client,
      settings,
      ...(oncall ? { oncall } : {}),
      ...(slackIdForEmail ? { slackIdForEmail } : {}),
    }),
  });
}
