// The shape of a rules file. Rules are data: an operator edits YAML, this schema checks it at load.
import { z } from 'zod';

import { IDENTITY_CALIBRATION } from './calibration';

export const ACTIONS = ['answer', 'form', 'oncall', 'refuse'] as const;
export type RouteAction = (typeof ACTIONS)[number];

/** A term is a phrase ("grace period"), a concept reference ("@saas"), or alternatives joined by "|". */
const term = z.string().regex(/\S/, 'a term must not be empty');

export const signalSchema = z
  .object({
    /** Fires when any of these terms occurs. */
    any: z.array(term).min(1).optional(),
    /** Fires when every one of these terms occurs (each may hold "a|b" alternatives). */
    all: z.array(term).min(1).optional(),
    /** Vetoes the signal when any of these occurs. */
    none: z.array(term).min(1).optional(),
    /** Added to the route's score when the signal fires; negative weights penalise. */
    weight: z.number().min(-20).max(20),
    /** Human-readable reason, shown as the evidence. Defaults to the matched terms. */
    why: z.string().optional(),
  })
  .strict()
  .refine((s) => s.any !== undefined || s.all !== undefined, { message: 'a signal needs "any" or "all"' });

export type Signal = z.infer<typeof signalSchema>;

export const FORM_KINDS = ['star', 'internal-request', 'gitlab-issue', 'ticket-on-behalf'] as const;

/** What a form route files. The filing module reads the details; the classifier ignores them. */
export const formSchema = z
  .object({
    kind: z.enum(FORM_KINDS),
    /** Web form or issue template URL that does the same job by hand (the fallback link). */
    url: z.url().optional(),
    /** GitLab project path for issue forms. */
    project: z.string().optional(),
    /** GitLab issue template name (from .gitlab/issue_templates). */
    template: z.string().optional(),
    labels: z.array(z.string()).optional(),
    confidential: z.boolean().optional(),
    /** Who the created issue is assigned to, looked up through the on-call adapter. */
    assignee: z.enum(['cmoc', 'support-manager']).optional(),
    /** The internal-request option (the form's dropdown value) preselected for this route. */
    option: z.string().optional(),
    /** Short notes from the handbook shown in the modal where they apply. */
    notes: z.array(z.string()).optional(),
  })
  .strict();

export type FormSpec = z.infer<typeof formSchema>;

/**
 * Example requests, one per line of a literal block (`examples: |`), or as a YAML list. In a block
 * every line is taken as written: an example may hold ": ", " #", quotes, `@` or backticks, which a
 * plain YAML list item cannot without quoting. Blank lines are skipped.
 */
const MIN_EXAMPLE_LENGTH = 3;

const examplesSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    const lines = (typeof value === 'string' ? value.split('\n') : value)
      .map((line) => line.trim())
      .filter(Boolean);
    lines.forEach((line, i) => {
      if (line.length < MIN_EXAMPLE_LENGTH)
        ctx.issues.push({
          code: 'custom',
          input: line,
          path: [i],
          message: `"${line}" is too short for an example (${MIN_EXAMPLE_LENGTH}+ characters)`,
        });
    });
    return lines;
  })
  .default([]);

const factName = z.string().regex(/^[a-z0-9_]+$/, 'fact names are lowercase words joined by "_"');
const valueId = z.string().regex(/^[a-z0-9-]+$/, 'fact values are lowercase words joined by "-"');

/** `{deployment: saas}` or `{trial_need: [extend, change]}`. */
const factConditionSchema = z.record(factName, z.union([valueId, z.array(valueId).min(1)]));

/**
 * One fact that separates neighbouring routes (GitLab.com or self-managed; is the incident still
 * going on), the ways a message states each value, and the question that settles it when it does not.
 */
export const factSchema = z
  .object({
    /** The clarifying question, asked when the top routes differ on this fact and the text does not say. */
    question: z.string().min(5).max(150),
    values: z
      .array(
        z
          .object({
            id: valueId,
            /** The answer's button text. */
            label: z.string().min(1).max(75),
            /** Terms whose (not negated) occurrence states this value. */
            says: z.array(term).min(1),
            /** Terms whose negated occurrence states this value ("not an incident" says "over"). */
            negated: z.array(term).min(1).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(5),
  })
  .strict();

export type Fact = z.infer<typeof factSchema>;
export type FactCondition = z.infer<typeof factConditionSchema>;

export const ruleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/, 'ids are lowercase words joined by "-", with one optional "/"'),
    title: z.string().min(3).max(75),
    section: z.string().min(1),
    link: z.url(),
    action: z.enum(ACTIONS),
    /** Slack mrkdwn. {{name}} placeholders are filled from the file's destinations. */
    answer: z.string().min(10),
    form: formSchema.optional(),
    signals: z.array(signalSchema).default([]),
    /** Facts the route holds only with: {fact: value} or {fact: [values]} (see `facts`). */
    requires: factConditionSchema.optional(),
    /** Fact values that rule the route out when the message states them. */
    excludes: factConditionSchema.optional(),
    /** Example requests: they document the rule, train the learned scorers and seed the tests. */
    examples: examplesSchema,
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.action === 'form' && !rule.form)
      ctx.addIssue({ code: 'custom', path: ['form'], message: 'a form route needs a "form" block' });
    if (rule.action !== 'form' && rule.form)
      ctx.addIssue({
        code: 'custom',
        path: ['form'],
        message: `only form routes take a "form" block (action is ${rule.action})`,
      });
  });

export type Rule = z.infer<typeof ruleSchema>;

export const rulesFileSchema = z
  .object({
    version: z.literal(1),
    /** Named values (channels, URLs, emails, project paths) used as {{name}} in answers. */
    destinations: z.record(z.string(), z.string()).default({}),
    /** Synonym groups referenced from signals as "@name". */
    concepts: z.record(z.string().regex(/^[a-z0-9_]+$/), z.array(term).min(1)).default({}),
    /** Words that negate what follows them ("not an incident"). */
    negations: z.array(z.string()).default(['not', 'no', 'never', 'without', 'nothing']),
    classifier: z
      .object({
        /** Softmax temperature turning scores into confidences. */
        temperature: z.number().positive().default(1.6),
        /** Score of the "nothing fits" option in the softmax. */
        unknownScore: z.number().default(2.5),
        /** Below this confidence the classifier answers "unknown". */
        threshold: z.number().min(0).max(1).default(0.4),
        /** How much the rules' signals count against the learned scorers (1: as written). */
        signalWeight: z.number().min(0).default(1),
        /** Weight of the similarity to the rule's examples. */
        similarityWeight: z.number().min(0).default(3),
        /** Weight of the naive Bayes posterior learned from the rules' examples. */
        bayesWeight: z.number().min(0).default(0),
        /** Weight of the naive Bayes posterior over the examples' word and character n-grams. */
        ngramWeight: z.number().min(0).default(0),
        /** Added when the message states a value the route requires; taken off when it contradicts it. */
        factWeight: z.number().min(0).default(0),
        /** How much more the words of the ask (the last request sentence) count than the background. */
        askWeight: z.number().min(1).default(1),
        /** How much a signal counts when it rests on the background alone, not on the ask sentence. */
        backgroundWeight: z.number().min(0).max(1).default(1),
        /** Weights of the confidence map, fitted by `npm run bench:routing -- --calibrate` (see calibration.ts). */
        calibration: z
          .object({
            intercept: z.number(),
            share: z.number(),
            margin: z.number(),
            agree: z.number(),
            signalled: z.number(),
            length: z.number().default(0),
            votes: z.number().default(0),
            contradicted: z.number().default(0),
          })
          .strict()
          .default({ ...IDENTITY_CALIBRATION }),
      })
      .strict()
      .default({
        temperature: 1.6,
        unknownScore: 2.5,
        threshold: 0.4,
        signalWeight: 1,
        similarityWeight: 3,
        bayesWeight: 0,
        ngramWeight: 0,
        factWeight: 0,
        askWeight: 1,
        backgroundWeight: 1,
        calibration: { ...IDENTITY_CALIBRATION },
      }),
    /** The distinctions between neighbouring routes, referenced by rules' requires/excludes. */
    facts: z.record(factName, factSchema).default({}),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

export type RulesFile = z.infer<typeof rulesFileSchema>;
