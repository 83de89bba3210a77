import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { formDefinition } from '../../src/kinds';
import { encodeMetadata } from '../../src/forms/metadata';
import { handleFormSubmission } from '../../src/forms/submit';
import type { FilingStore } from '../../src/store/types';
import { filledValues, stateFor } from '../helpers/forms';
import { formsContext, OUT_OF_HOURS } from '../helpers/forms-context';
import { fakeAck, viewSubmissionBody } from '../helpers/slack-payloads';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

async function submit(
  routeId: string,
  values: Record<string, string> | undefined,
  opts: { viewId?: string; ctx?: Awaited<ReturnType<typeof formsContext>>; metadata?: string } = {},
) {
  const ctx = opts.ctx ?? (await formsContext());
  const rule = ctx.rules.byId.get(routeId)!;
  const def = formDefinition(rule, ctx.rules.byId)!;
  const metadata =
    opts.metadata ??
    encodeMetadata({
      routeId,
      ...(def.option ? { optionId: def.option.id } : {}),
      channel: 'C9',
      threadTs: '1.5',
    });
  const { body, view } = viewSubmissionBody({
    viewId: opts.viewId ?? 'V100',
    metadata,
    values: stateFor(def, values ?? filledValues(def)),
  });
  const { acks, ack } = fakeAck();
  await handleFormSubmission({ ack, body, view } as unknown as Args, ctx);
  return { acks, ctx };
}

describe('handleFormSubmission', () => {
  it('stores the submission before acking, keyed by team and view id, and wakes the worker', async () => {
    const { acks, ctx } = await submit('star', undefined);
    const row = await ctx.store.get('T1:V100');
    expect(row).toMatchObject({
      status: 'pending',
      userId: 'U1',
      routeId: 'star',
      reply: { channel: 'C9', threadTs: '1.5' },
    });
    expect(row!.payload).toMatchObject({
      values: { ticket_link: 'https://gitlab.zendesk.com/agent/tickets/123456', urgency: 'timely' },
    });
    expect(acks).toEqual([expect.objectContaining({ response_action: 'update' })]);
    expect(ctx.wakes()).toBe(1);
  });

  it('stores the same view submitted twice only once', async () => {
    const ctx = await formsContext();
    await submit('internal-request/saas-extend-trial', undefined, { ctx });
    const second = await submit('internal-request/saas-extend-trial', undefined, { ctx });
    expect(await ctx.store.countByStatus()).toEqual({ pending: 1, filed: 0, failed: 0 });
    expect(second.acks).toEqual([expect.objectContaining({ response_action: 'update' })]);
    expect(ctx.wakes()).toBe(1);
  });

  it('answers bad values with errors on their blocks and stores nothing', async () => {
    const ctx = await formsContext();
    const rule = ctx.rules.byId.get('star')!;
    const values = filledValues(formDefinition(rule, ctx.rules.byId)!, {
      ticket_link: 'https://evil.example/agent/tickets/1',
      urgency: '',
      group: '',
    });
    const { acks } = await submit('star', values, { ctx });
    expect(acks).toEqual([
      {
        response_action: 'errors',
        errors: {
          ticket_link:
            'Paste a link to a Zendesk ticket (gitlab.zendesk.com) or an issue in gitlab-com/support/internal-requests.',
          urgency: 'This is required.',
          group: 'GitLab.com tickets need the group URL or name.',
        },
      },
    ]);
    expect(await ctx.store.countByStatus()).toEqual({ pending: 0, filed: 0, failed: 0 });
  });

  it('refuses a STAR outside Global Support Hours and offers the emergency path', async () => {
    const ctx = await formsContext({ now: OUT_OF_HOURS });
    const { acks } = await submit('star', undefined, { ctx });
    const ack = acks[0] as { response_action: string; view: { blocks: { text: { text: string } }[] } };
    expect(ack.response_action).toBe('update');
    expect(ack.view.blocks[0]!.text.text).toMatch(/STARs are not taken right now[\s\S]*emergency process/);
    expect(await ctx.store.countByStatus()).toEqual({ pending: 0, filed: 0, failed: 0 });
  });

  it('files an internal request under the option finally picked', async () => {
    const ctx = await formsContext();
    const metadata = encodeMetadata({ routeId: 'internal-request/other', optionId: 'sm-nfr' });
    const rule = ctx.rules.byId.get('internal-request/other')!;
    const def = formDefinition(rule, ctx.rules.byId, 'sm-nfr')!;
    const { body, view } = viewSubmissionBody({ metadata, values: stateFor(def, filledValues(def)) });
    const { acks, ack } = fakeAck();
    await handleFormSubmission({ ack, body, view } as unknown as Args, ctx);
    expect(acks[0]).toMatchObject({ response_action: 'update' });
    expect(await ctx.store.get('T1:V100')).toMatchObject({
      routeId: 'internal-request/sm-nfr',
      payload: { optionId: 'sm-nfr' },
    });
  });

  it('says the form is out of date when the metadata cannot be read', async () => {
    const { acks } = await submit('star', undefined, { metadata: 'not json' });
    expect(acks[0]).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Form out of date' } },
    });
  });

  it('asks to submit again (nothing claimed as filed) when the database is down', async () => {
    const ctx = await formsContext();
    const broken = {
      ...ctx,
      filing: { ...ctx.filing, submit: async () => Promise.reject(new Error('SQLITE_BUSY')) },
    };
    const { acks } = await submit('support-meta', undefined, { ctx: broken as typeof ctx });
    expect(acks).toEqual([
      { response_action: 'errors', errors: { title: expect.stringMatching(/could not save your request/) } },
    ]);
  });
});

describe('dedupe across stores', () => {
  it('keys rows by team as well as view', async () => {
    const ctx = await formsContext();
    const store: FilingStore = ctx.store;
    await store.enqueue({ id: 'T1:V1', teamId: 'T1', userId: 'U', routeId: 'star', payload: {} }, 1);
    await store.enqueue({ id: 'T2:V1', teamId: 'T2', userId: 'U', routeId: 'star', payload: {} }, 1);
    expect((await store.countByStatus()).pending).toBe(2);
  });
});
