import type { AppDeps } from '../../src/deps';
import type { CommandArgs } from '../../src/slack/subcommand';
import { FORM_SUBCOMMANDS, optionFromWords } from '../../src/forms/commands';
import type { FormsDeps } from '../../src/forms/deps';
import { ROUTE_GONE } from '../../src/views/triage';
import { formsContext } from '../helpers/forms-context';
import { fakeAck, fakeClient } from '../helpers/slack-payloads';

async function run(word: string, rest: string, ctx: FormsDeps, channel = 'C0CHAN') {
  const table = FORM_SUBCOMMANDS;
  const { ack, acks } = fakeAck();
  const { client, calls } = fakeClient();
  const responses: unknown[] = [];
  const args = {
    ack,
    client,
    respond: async (r: unknown) => void responses.push(r),
    command: { trigger_id: 'TR', user_id: 'U1', channel_id: channel, text: `${word} ${rest}` },
  };
  await table[word]!.run(args as unknown as CommandArgs, rest, {
    ...ctx,
    classify: () => ({ route: 'unknown', confidence: 0, alternatives: [], evidence: [] }),
  } as unknown as AppDeps);
  return { acks, calls, responses };
}

const metaOf = (calls: { args: Record<string, unknown> }[]) =>
  JSON.parse((calls[0]!.args.view as { private_metadata: string }).private_metadata);

describe('form subcommands', () => {
  it.each([
    ['star', 'https://gitlab.zendesk.com/agent/tickets/5', 'star'],
    ['contact', 'incident', 'contact/incident'],
    ['contact', 'jdoe', 'contact/single-user'],
    ['request', 'extend saas trial', 'internal-request/saas-extend-trial'],
    ['request', '', 'internal-request/other'],
    ['on-behalf', '', 'ticket-on-behalf'],
    ['feedback', '', 'support-feedback'],
    ['readiness', 'New rate limits', 'support-readiness'],
    ['meta', '', 'support-meta'],
    ['namespace', 'acme', 'namespace-squatting'],
    ['org-note', 'Acme', 'org-notes'],
  ])('/support %s %s opens %s', async (word, rest, route) => {
    const ctx = await formsContext();
    const { acks, calls } = await run(word, rest, ctx);
    expect(acks).toEqual([undefined]);
    expect(calls[0]!.method).toBe('views.open');
    expect(metaOf(calls).r).toBe(route);
  });

  it('keeps the channel the command was typed in (not a DM) as where the person asked', async () => {
    expect(metaOf((await run('meta', '', await formsContext())).calls).a).toBe('C0CHAN');
    expect(metaOf((await run('meta', '', await formsContext(), 'D0DM')).calls).a).toBeUndefined();
  });

  it('prefills what follows the word', async () => {
    const { calls } = await run('star', 'https://gitlab.zendesk.com/agent/tickets/5', await formsContext());
    expect(JSON.stringify(calls[0]!.args.view)).toContain(
      '"initial_value":"https://gitlab.zendesk.com/agent/tickets/5"',
    );
  });

  it('says the form is gone when the rules no longer have its route', async () => {
    const ctx = await formsContext();
    const { acks, calls } = await run('star', '', { ...ctx, rules: { ...ctx.rules, byId: new Map() } });
    expect(acks).toEqual([{ response_type: 'ephemeral', text: ROUTE_GONE }]);
    expect(calls).toEqual([]);
  });

  it('/support status lists the requester’s recent requests', async () => {
    const ctx = await formsContext();
    await ctx.store.enqueue(
      { id: 'T1:V1', teamId: 'T1', userId: 'U1', routeId: 'star', payload: {} },
      Date.now(),
    );
    await ctx.store.enqueue(
      { id: 'T1:V2', teamId: 'T1', userId: 'U2', routeId: 'support-meta', payload: {} },
      Date.now(),
    );
    const { responses } = await run('status', '', ctx);
    const text = JSON.stringify(responses[0]);
    expect(text).toContain('queued');
    expect(text).not.toContain('Support Team Meta');
  });

  it('maps words to internal-request options', () => {
    expect(optionFromWords('multi year')).toBe('sm-multi-year-license');
    expect(optionFromWords('hackerone')).toBe('hackerone-license');
    expect(optionFromWords('gibberish words')).toBe('other');
  });
});
