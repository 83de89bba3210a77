// The filing notice's hook: the notifier says where each notice went (the DM, the mention's thread,
// the ephemeral fallback, the STAR channel notice's ts), so status updates go to the same place.
import type { PostedPlace } from '../../src/filing/notify';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { testNotifier } from '../helpers/notifier';
import { handbookRules } from '../helpers/rules';
import { filedStar, submissionRow } from '../helpers/submissions';

const refusal = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });

function notifier(postMessage: (a: { channel: string }) => Promise<unknown>) {
  const places: [string, string, PostedPlace][] = [];
  const n = testNotifier({
    client: { chat: { postMessage, postEphemeral: async () => ({ ok: true }) } },
    rules: handbookRules(),
    settings: DEFAULT_SETTINGS,
    onPosted: async (id, role, place) => void places.push([id, role, place]),
  });
  return { n, places };
}

const filedTicket = (reply?: object) =>
  submissionRow({
    status: 'filed',
    routeId: 'ticket-on-behalf',
    result: { target: 'zendesk-ticket', url: 'https://gitlab.zendesk.com/agent/tickets/9', ref: 'ticket 9' },
    ...(reply ? { reply } : {}),
  });

describe('where the filing notice went', () => {
  it('a DM', async () => {
    const { n, places } = notifier(async (a) => ({ ok: true, channel: `D${a.channel}`, ts: '1.1' }));
    await n.notify(filedTicket());
    expect(places).toEqual([['T1:V1', 'requester', { kind: 'dm', channel: 'U1' }]]);
  });

  it('the thread of the mention the request came from', async () => {
    const { n, places } = notifier(async () => ({ ok: true, ts: '1.1' }));
    await n.notify(filedTicket({ channel: 'C0ASK', threadTs: '1699.1' }));
    expect(places).toEqual([
      ['T1:V1', 'requester', { kind: 'thread', channel: 'C0ASK', threadTs: '1699.1' }],
    ]);
  });

  it('where they asked, visible to them alone, when Slack refuses the DM', async () => {
    const { n, places } = notifier(async () => Promise.reject(refusal('messages_tab_disabled')));
    await n.notify(filedTicket({ askedIn: { channel: 'C0ASK' } }));
    expect(places).toEqual([['T1:V1', 'requester', { kind: 'ephemeral', channel: 'C0ASK' }]]);
  });

  it('a STAR: the channel notice (its ts is the thread updates go to) and the DM', async () => {
    const { n, places } = notifier(async (a) => ({ ok: true, channel: a.channel, ts: '1700000001.0001' }));
    await n.notify(filedStar());
    expect(places).toEqual([
      ['T1:V1', 'follow-up', { kind: 'thread', channel: 'CBVAE1L48', threadTs: '1700000001.0001' }],
      ['T1:V1', 'requester', { kind: 'dm', channel: 'U1' }],
    ]);
  });

  it('nothing for a dry run', async () => {
    const { n, places } = notifier(async () => ({ ok: true, ts: '1.1' }));
    await n.notify(
      submissionRow({ status: 'filed', result: { target: 'zendesk-ticket', dryRun: true, preview: {} } }),
    );
    expect(places).toEqual([]);
  });
});
