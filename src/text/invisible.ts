// Characters people cannot see: bidirectional controls (U+202E can make "exe.txt" read "txt.exe",
// Trojan Source style) and zero-width characters (which hide text from a reader or split a word a
// filter looks for). Removed from whatever the bot echoes to Slack or files to GitLab and Zendesk.
// A zero-width joiner between two emoji stays: it is how 👩‍💻 is written, and nothing hides in it.
// The bot adds its own joiner after it strips (to neutralise GitLab mentions), so that one survives.

/** ALM, LRM, RLM, the embeddings and overrides, the isolates. */
const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
/** Zero-width space and non-joiner, word joiner, invisible operators, BOM, Mongolian vowel separator. */
const ZERO_WIDTH = '\u200b\u200c\u2060-\u2064\ufeff\u180e';

const INVISIBLE = new RegExp(`[${BIDI}${ZERO_WIDTH}]`, 'g');
/** A joiner that does not sit between emoji (an emoji, a skin tone or a variation selector before it). */
const LONE_JOINER =
  /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

export function stripInvisible(text: string): string {
  // Most text has none of them: one cheap test spares the two replaces.
  if (!/[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(text)) return text;
  return text.replace(INVISIBLE, '').replace(LONE_JOINER, '');
}
