// Reading a modal's view state: one reader for validation (what was submitted) and for redraws
// (switching the internal-request option keeps what was already typed). Validated with zod, since
// the state comes from the request body.
import { z } from 'zod';

const stateValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_date: z.string().nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
  })
  .loose();

export const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValue));
export type ViewStateValues = z.infer<typeof viewStateSchema>;

/** The raw value of a block's input element, whatever its type ("" when empty or absent). */
export function blockValue(state: ViewStateValues, blockId: string): string {
  const block = state[blockId];
  const element = block ? Object.values(block)[0] : undefined;
  if (!element) return '';
  if (element.selected_option) return element.selected_option.value;
  if (element.selected_date) return element.selected_date;
  if (element.selected_options) return element.selected_options.map((o) => o.value).join(',');
  return element.value ?? '';
}

/** Every non-empty value by block id (for a redraw); {} when the state cannot be read. */
export function currentValues(state: unknown): Record<string, string> {
  const parsed = viewStateSchema.safeParse(state);
  if (!parsed.success) return {};
  const out: Record<string, string> = {};
  for (const blockId of Object.keys(parsed.data)) {
    const value = blockValue(parsed.data, blockId);
    if (value) out[blockId] = value;
  }
  return out;
}
