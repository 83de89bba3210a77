// The value carried by the "open form" button (ACTION_OPEN_FORM). Plain route ids are the common
// case; a message shortcut adds the message's permalink. The decoder is tolerant: anything it
// cannot read is taken as a route id, so an old or hand-made button still opens its form.
import { LIMITS } from '../slack/limits';

export interface FormButtonValue {
  route: string;
  /** Permalink of the Slack message the request came from, when there is one. */
  permalink?: string;
}

export function encodeFormValue(value: FormButtonValue): string {
  if (!value.permalink) return value.route;
  const json = JSON.stringify({ r: value.route, p: value.permalink });
  return json.length <= LIMITS.buttonValue ? json : value.route;
}

export function decodeFormValue(raw: string): FormButtonValue {
  if (!raw.startsWith('{')) return { route: raw };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && 'r' in parsed && typeof parsed.r === 'string') {
      const p = 'p' in parsed && typeof parsed.p === 'string' ? parsed.p : undefined;
      return p ? { route: parsed.r, permalink: p } : { route: parsed.r };
    }
  } catch {
    // fall through: not ours
  }
  return { route: raw };
}
