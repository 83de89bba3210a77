// The value carried by the "open form" button (ACTION_OPEN_FORM). Plain route ids are the common
// case; a message shortcut adds the message's permalink. The decoder is tolerant: anything it
// cannot read is taken as a route id, so an old or hand-made button still opens its form.
import { LIMITS } from '../slack/limits';

export interface FormButtonValue {
  route: string;
  /** Permalink of the Slack message the request came from, when there is one. */
  permalink?: string;
  /** The message's text (message shortcut), prefilled into the form. */
  text?: string;
}

export function encodeFormValue(value: FormButtonValue): string {
  if (!value.permalink) return value.route;
  const json = JSON.stringify({ r: value.route, p: value.permalink });
  if (json.length > LIMITS.buttonValue) return value.route;
  if (!value.text) return json;
  // The message's text rides along for the form to prefill, cut to what fits in the button.
  const room = LIMITS.buttonValue - json.length - 8;
  let text = Array.from(value.text.slice(0, 2 * Math.max(0, room)))
    .slice(0, Math.max(0, room))
    .join('');
  while (text && JSON.stringify({ r: value.route, p: value.permalink, t: text }).length > LIMITS.buttonValue)
    text = Array.from(text).slice(0, -50).join('');
  return text ? JSON.stringify({ r: value.route, p: value.permalink, t: text }) : json;
}

export function decodeFormValue(raw: string): FormButtonValue {
  if (!raw.startsWith('{')) return { route: raw };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && 'r' in parsed && typeof parsed.r === 'string') {
      const p = 'p' in parsed && typeof parsed.p === 'string' ? parsed.p : undefined;
      const t = 't' in parsed && typeof parsed.t === 'string' ? parsed.t : undefined;
      return { route: parsed.r, ...(p ? { permalink: p } : {}), ...(t ? { text: t } : {}) };
    }
  } catch {
    // fall through: not ours
  }
  return { route: raw };
}
