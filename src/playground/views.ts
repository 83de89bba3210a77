// The modal stack and App Home as Slack keeps them: views.open needs a live trigger_id, push adds
// to the stack (3 at most), update matches the view id (or external_id) and its hash, and the
// person's typed values survive an update for every input block that keeps its block_id.
//   https://docs.slack.dev/surfaces/modals#updating_views
//   https://docs.slack.dev/reference/methods/views.update
import type { Json, StateValues } from './render/context';
import { BOT_ID, TEAM, type View, type Workspace } from './workspace';

export const MAX_STACK = 3;

export class SlackError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const blockIds = (view: Json): Set<string> =>
  new Set((Array.isArray(view.blocks) ? view.blocks : []).map((b) => String((b as Json).block_id ?? '')));

/** Slack fills in a block_id (and an action_id) that the app left out. */
export function withIds(blocks: unknown): Json[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((raw, i) => {
    const block = { ...(raw as Json) };
    block.block_id ??= `blk${i}`;
    const fill = (e: unknown, j: number) => ({ action_id: `act${i}_${j}`, ...(e as Json) });
    if (block.element) block.element = fill(block.element, 0);
    if (block.accessory) block.accessory = fill(block.accessory, 0);
    if (block.type === 'actions' && Array.isArray(block.elements)) block.elements = block.elements.map(fill);
    return block;
  });
}

function keptState(state: StateValues, view: Json): StateValues {
  const ids = blockIds(view);
  return Object.fromEntries(Object.entries(state).filter(([id]) => ids.has(id)));
}

export function makeView(ws: Workspace, view: Json, type: View['type']): View {
  return {
    id: ws.nextId('V0'),
    hash: ws.nextId('h.'),
    type,
    view: { ...view, blocks: withIds(view.blocks) },
    state: {},
  };
}

/** The view as Slack returns it from views.* and sends it in payloads. */
export function viewJson(v: View, ws: Workspace): Json {
  const root = ws.modals[0];
  return {
    ...v.view,
    id: v.id,
    team_id: TEAM,
    type: v.type,
    hash: v.hash,
    bot_id: BOT_ID,
    app_id: 'A0SUPPORTROUTER',
    private_metadata: v.view.private_metadata ?? '',
    callback_id: v.view.callback_id ?? '',
    external_id: v.view.external_id ?? '',
    state: { values: v.state },
    root_view_id: v.type === 'modal' && root ? root.id : v.id,
  };
}

export function findForUpdate(
  ws: Workspace,
  args: { view_id?: string | undefined; external_id?: string | undefined },
): View {
  const all = [...ws.modals, ...(ws.home ? [ws.home] : [])];
  const found = args.view_id
    ? all.find((v) => v.id === args.view_id)
    : all.find((v) => args.external_id && v.view.external_id === args.external_id);
  if (!found) throw new SlackError('not_found');
  return found;
}

/** Replaces the view's content in place: same id, new hash, typed values kept where blocks stay. */
export function updateView(ws: Workspace, target: View, view: Json, hash?: string): View {
  if (hash && hash !== target.hash) throw new SlackError('hash_conflict');
  target.view = { ...view, blocks: withIds(view.blocks) };
  target.hash = ws.nextId('h.');
  target.state = keptState(target.state, target.view);
  delete target.errors;
  ws.changed();
  return target;
}

export function pushView(ws: Workspace, view: Json): View {
  if (ws.modals.length === 0) throw new SlackError('not_found');
  if (ws.modals.length >= MAX_STACK) throw new SlackError('push_limit_reached');
  const pushed = makeView(ws, view, 'modal');
  ws.modals.push(pushed);
  ws.changed();
  return pushed;
}
