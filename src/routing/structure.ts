// The structure of a request, beyond its words: where the ask is (requests give background first
// and ask last) and which negations are denials ("not an incident", "no ticket yet") rather than
// statements of a problem ("can't start"). Pure and linear in the text.
import { BOUNDARY } from './normalize';
import { isStopword } from './similarity';

/** How many content words a denial reaches. */
const DENIAL_REACH = 3;

/** A sentence that asks for something: a question, or a request word in it. */
const ASK_CUE =
  /\?|\b(can|could|would|will|how|what|who|whom|where|which|whether|need|needs|want|wants|please|pls|should|help|looking for|trying to|do i|does|is there|any way|mind)\b/i;
const SENTENCE_END = /[.!?;]+(?=\s|$)|\n+/g;

/**
 * Where the ask is. Requests usually give background first and ask last, so the ask is the last
 * sentence with a request cue (or the last sentence when none has one). Char offsets into `text`.
 */
export function askSpan(text: string): [number, number] {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const to = (m.index ?? 0) + m[0].length;
    if (/[a-z0-9]/i.test(text.slice(from, to))) spans.push([from, to]);
    from = to;
  }
  if (/[a-z0-9]/i.test(text.slice(from))) spans.push([from, text.length]);
  if (spans.length < 2) return [0, text.length];
  for (let i = spans.length - 1; i >= 0; i--) {
    const [a, b] = spans[i] as [number, number];
    if (ASK_CUE.test(text.slice(a, b))) return [a, b];
  }
  return spans[spans.length - 1] as [number, number];
}

/** Words a denial reaches across ("not *asking for* a reset", "don't *need to* extend"). */
const DENIAL_BRIDGE = new Set([
  'ask',
  'need',
  'want',
  'about',
  'realli',
  'actual',
  'even',
  'look',
  'tri',
  'just',
]);
const DETERMINER = new Set(['a', 'an', 'the', 'ani', 'anyth', 'my', 'our', 'their', 'this', 'that']);
/** Negations that always deny what follows ("no ticket", "nothing to investigate"). */
const DENYING = new Set(['no', 'noth', 'without', 'instead']);

/**
 * Denials: a negation that rules a thing out ("not an incident", "not asking for a seat reset",
 * "no ticket yet"), unlike one that states a problem ("can't start", "doesn't work"). The words a
 * denial reaches (up to three content words) are left out of the learned scorers' evidence.
 */
export function denialMask(words: string[], stems: string[], negations: Set<string>): boolean[] {
  const mask = new Array<boolean>(stems.length).fill(false);
  for (let i = 0; i < stems.length; i++) {
    if (!negations.has(stems[i] as string)) continue;
    let j = i + 1;
    let denies = DENYING.has(stems[i] as string);
    while (j < stems.length && (DENIAL_BRIDGE.has(stems[j] as string) || isStopword(words[j] as string))) {
      if (stems[j] === BOUNDARY) break;
      denies ||= DENIAL_BRIDGE.has(stems[j] as string) || DETERMINER.has(stems[j] as string);
      j++;
    }
    if (!denies) continue;
    for (
      let reached = 0, k = i + 1;
      reached < DENIAL_REACH && k < stems.length && stems[k] !== BOUNDARY;
      k++
    ) {
      mask[k] = true;
      if (k >= j) reached++;
    }
  }
  return mask;
}
