// Text objects (plain_text or mrkdwn) to HTML.
import { type Json, obj, str } from './context';
import { mrkdwnHtml, plainHtml, type Names } from './mrkdwn';

export function textObjectHtml(text: unknown, names: Names): string {
  const t = obj(text);
  return t.type === 'mrkdwn' ? mrkdwnHtml(str(t.text), names) : plainHtml(str(t.text));
}

/** A text object as plain text (option labels, placeholders, titles). */
export const plainOf = (text: unknown): string => str(obj(text).text);

export const optionsOf = (element: Json): Json[] => {
  const direct = Array.isArray(element.options) ? element.options : [];
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [
    ...direct,
    ...groups.flatMap((g) => (Array.isArray(obj(g).options) ? (obj(g).options as unknown[]) : [])),
  ].map(obj);
};
