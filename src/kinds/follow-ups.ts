// The follow-up steps of a filed request, read from its form kind and bound to the request, for the
// notifier (which knows them only by name).
import type { FollowUpStep } from '../filing/types';
import type { RuleSet } from '../routing/types';
import type { Submission } from '../store/types';
import { kindOf } from '.';
import type { FollowUpDeps } from './kind';

export function followUpsOf(rules: RuleSet, deps: FollowUpDeps): (s: Submission) => FollowUpStep[] {
  return (s) =>
    (kindOf(rules.byId.get(s.routeId))?.kind.afterFiled ?? []).map((followUp) => ({
      step: followUp.step,
      run: () => followUp.run(s, deps),
    }));
}
