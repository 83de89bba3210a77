// Slack's Block Kit limits as data, applied by the view builders (reliability-and-security §1.7).
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  sectionText: 3000,
  textObject: 3000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionsPerSelect: 100,
  actionsElements: 25,
  /** Slack truncates message text beyond about 40,000 characters. */
  messageText: 40_000,
  /** Our own cap on how much of a user's text a reply quotes back. */
  quotedText: 500,
} as const;

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Array.from splits by code point, so an emoji is never cut in half. A code point is at most two
  // UTF-16 units, so the first 2·max units hold all that can be kept: a 40,000-character text
  // costs no more than a short one.
  const chars = Array.from(text.slice(0, 2 * max));
  if (chars.length <= max && text.length <= 2 * max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Keeps the first `max` blocks; when some are dropped the last kept one says so. */
export function capBlocks<T>(blocks: T[], max: number, overflowNote: (dropped: number) => T): T[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), overflowNote(blocks.length - max + 1)];
}
