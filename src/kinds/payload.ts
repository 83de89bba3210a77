// What a submission stores: the validated values and where the form came from. Read back with a
// tolerant schema, since rows outlive releases.
import { z } from 'zod';

export const storedPayloadSchema = z.object({
  values: z.record(z.string(), z.string()).default({}),
  optionId: z.string().optional(),
  permalink: z.string().optional(),
});

export type StoredPayload = z.infer<typeof storedPayloadSchema>;

export function readPayload(payload: unknown): StoredPayload {
  const parsed = storedPayloadSchema.safeParse(payload);
  return parsed.success ? parsed.data : { values: {} };
}
