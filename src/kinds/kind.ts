// The interface every form kind implements (STAR, internal request, GitLab issue, ticket on behalf).
// Call sites never ask "which kind is this?": they look the kind up in KINDS (index.ts) and call it,
// the way a job queue maps a task name to its handler. A new kind is one module and one row there.
import type { ChatPoster } from '../slack/chat';
import type { FilingRequest, PostedMessage } from '../filing/types';
import type { OncallService } from '../oncall/types';
import type { FormSpec, Rule } from '../routing/schema';
import type { RuleSet } from '../routing/types';
import type { Submission } from '../store/types';
import type { FormDefinition } from './definition';
import type { FieldId } from './fields';
import type { FilingSettings } from './settings';

/** The kinds the rules schema allows (`form.kind`); KINDS must have exactly these. */
export type FormKindId = FormSpec['kind'];

/** A rule that has a form. */
export type FormRule = Rule & { form: FormSpec };

export type { Requester } from '../slack/users';
import type { Requester } from '../slack/users';

export interface PlanDeps {
  rules: RuleSet;
  settings: FilingSettings;
  oncall?: Pick<OncallService, 'lookup'>;
  /** The requester's name and email from Slack (users.info); {} when Slack has none; throws on failure. */
  lookupUser?: (userId: string) => Promise<Requester>;
}

/** What every kind's plan receives: the answers as validated, who asked, and the common footer. */
export interface PlanInput {
  rule: FormRule;
  definition: FormDefinition;
  /** The validated answers, exactly as stored. */
  values: Record<string, string>;
  who: Requester;
  /** "Submitted from Slack by ..." and the message link, one line each. */
  footer: string[];
  deps: PlanDeps;
}

/** What follow-up work may use: the Slack client, the settings and who is on call. */
export interface FollowUpDeps {
  client: ChatPoster;
  settings: FilingSettings;
  oncall?: Pick<OncallService, 'lookup'>;
  /** A Slack user id for an email (users.lookupByEmail). */
  slackIdForEmail?: (email: string) => Promise<string | undefined>;
}

/** Work done once after a request is filed for real (never in dry run), recorded by name. */
export interface FollowUp {
  /** Stored with the row when done, so a repeated notify attempt skips it; never rename one. */
  step: string;
  run(submission: Submission, deps: FollowUpDeps): Promise<PostedMessage | void>;
}

export interface FormKind {
  /** The modal for a rule of this kind: its title, fields and notes (and option, for internal requests). */
  define(rule: FormRule, rulesById: ReadonlyMap<string, Rule>, optionId?: string): FormDefinition;
  /** The field a message's text is put into when a form is opened from a message or a command. */
  textField: FieldId;
  /** Values a newly opened form starts with. */
  defaults: Readonly<Record<string, string>>;
  /** Taken only inside Global Support Hours; outside them the emergency path is shown instead. */
  onlyInSupportHours: boolean;
  /** Rules that look at several answers at once, as errors by field id. */
  crossCheck(
    definition: FormDefinition,
    values: Record<string, string>,
    today: string,
  ): Record<string, string>;
  /** The route a submission is filed (and reported) under. */
  fileUnder(definition: FormDefinition, rule: FormRule, rulesById: ReadonlyMap<string, Rule>): string;
  /** Where its requests are filed: known before preparation, so a paused service costs no lookup. */
  target: FilingRequest['target'];
  /** How a stored submission becomes what is filed (may look up who is on call). */
  plan(input: PlanInput): Promise<FilingRequest>;
  /** What happens after it is filed, beyond telling the requester. */
  afterFiled: readonly FollowUp[];
}
