// Zendesk's 422 (RecordInvalid) says which fields it refused, in `details`: field name -> a list
// of { description, error }. The reasons are logged whole; when they concern what the requester
// typed (the customer's email or name, the subject, the text), the requester reads them too, since
// only they can correct it. A refused setting (form id, custom field, tag) is the operator's to fix.
import { z } from 'zod';
import { FilingError } from './errors';

const SERVICE = 'Zendesk';
/** `details` keys that come from the requester's answers, not from the bot's settings. */
const TYPED_BY_REQUESTER = new Set([
  'requester',
  'email',
  'name',
  'email_ccs',
  'collaborators',
  'subject',
  'comment',
  'description',
]);
const MAX_SHOWN = 3;
const MAX_REASON_CHARS = 200;

const refusalSchema = z.object({
  description: z.string().optional(),
  details: z
    .record(
      z.string(),
      z.array(z.object({ description: z.string().optional(), error: z.string().optional() })),
    )
    .optional(),
});

function parse(body: string | undefined): z.infer<typeof refusalSchema> {
  try {
    const result = refusalSchema.safeParse(JSON.parse(body ?? ''));
    return result.success ? result.data : {};
  } catch {
    return {};
  }
}

/** A FilingError for a 422: permanent (the same body would be refused again), with the reasons kept. */
export function zendeskRefusal(body: string | undefined): FilingError {
  const refusal = parse(body);
  const entries = Object.entries(refusal.details ?? {});
  const reasons = entries.flatMap(([field, list]) =>
    list.map((d) => `${field}: ${(d.description ?? d.error ?? 'invalid').slice(0, MAX_REASON_CHARS)}`),
  );
  const typed = entries
    .filter(([field]) => TYPED_BY_REQUESTER.has(field))
    .flatMap(([, list]) => list.map((d) => (d.description ?? d.error ?? '').slice(0, MAX_REASON_CHARS)))
    .filter(Boolean)
    .slice(0, MAX_SHOWN);
  const details = {
    status: 422,
    service: SERVICE,
    reasons: reasons.length ? reasons : [refusal.description ?? 'no details given'],
  };
  if (typed.length)
    return new FilingError(
      'permanent',
      `Zendesk refused what was typed (HTTP 422): ${typed.join('; ')}. Correct it and submit the form again.`,
      details,
    );
  return new FilingError(
    'permanent',
    'Zendesk refused some of the fields (HTTP 422). This comes from the bot’s settings, not from your answers: the team running the bot can see which field in its log.',
    details,
  );
}
