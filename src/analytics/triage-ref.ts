// Which triage answer an interaction belongs to. The answer's action blocks carry it in their
// block_id (the form button and the "Not what I meant" menu), so a correction or a form opened later,
// on any replica, is tied back to the answer. The decoder is tolerant: anything else gives undefined.
export interface TriageRef {
  triageId: string;
  /** The route the answer gave (the "from" of a correction). */
  route: string;
}

export type TriageBlock = 'form' | 'menu';

const PREFIX = 'tr1';
const ID = /^[A-Za-z0-9_-]{8,32}$/;
/** Slack's limit for block_id. */
const BLOCK_ID_MAX = 255;

export function triageBlockId(ref: TriageRef, block: TriageBlock): string | undefined {
  const id = `${PREFIX}|${block}|${ref.triageId}|${ref.route}`;
  return id.length <= BLOCK_ID_MAX && ID.test(ref.triageId) ? id : undefined;
}

export function decodeTriageRef(blockId: string | undefined): TriageRef | undefined {
  const [prefix, , triageId, ...route] = (blockId ?? '').split('|');
  if (prefix !== PREFIX || !triageId || !ID.test(triageId) || route.length === 0) return undefined;
  return { triageId, route: route.join('|') };
}
