import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { handleOptionChange, handleRetry } from '../../src/forms/actions';
import { encodeMetadata } from '../../src/forms/metadata';
import { handleOpenForm } from '../../src/forms/open';
import { formsContext, OUT_OF_HOURS } from '../helpers/forms-context';
import { fakeAck, fakeClient } from '../helpers/slack-payloads';

type Button = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Select = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

function openArgs(value: string, body: Record<string, unknown> = {}) {
  const { ack, acks } = fakeAck();
  const { client, calls } = fakeClient();
  const args = {
    ack,
    client,
    action: { action_id: 'open_form', value },
    body: { user: { id: 'U1' }, trigger_id: 'TR1', ...body },
  };
  return { args: args as unknown as Button, acks, calls };
}

describe('handleOpenForm', () => {
  it('opens the route’s modal, answering in the thread of a public triage reply', async () => {
    const ctx = await formsContext();
    const { args, calls, acks } = openArgs('support-feedback', {
      channel: { id: 'C1' },
      message: { ts: '5.5', thread_ts: '4.4' },
    });
    await handleOpenForm(args, ctx);
    expect(acks).toEqual([undefined]);
    expect(calls[0]).toMatchObject({
      method: 'views.open',
      args: { trigger_id: 'TR1', view: { callback_id: 'file_form' } },
    });
    const meta = JSON.parse((calls[0]!.args.view as { private_metadata: string }).private_metadata);
    expect(meta).toMatchObject({ r: 'support-feedback', c: 'C1', t: '4.4' });
  });

  it('keeps the channel of an ephemeral triage answer as where the person asked, not as a thread', async () => {
    const ctx = await formsContext();
    const { args, calls } = openArgs('support-feedback', {
      channel: { id: 'C1' },
      message: { ts: '5.5', thread_ts: '4.4' },
      container: { is_ephemeral: true },
    });
    await handleOpenForm(args, ctx);
    const meta = JSON.parse((calls[0]!.args.view as { private_metadata: string }).private_metadata);
    expect(meta).toMatchObject({ a: 'C1', at: '4.4' });
    expect(meta).not.toHaveProperty('c');
  });

  it('prefills the permalink of a shortcut’s message and pushes over an existing modal', async () => {
    const ctx = await formsContext();
    const value = JSON.stringify({ r: 'ticket-on-behalf', p: 'https://acme.slack.com/archives/C1/p123' });
    const { args, calls } = openArgs(value, {
      view: { id: 'V0', type: 'modal' },
      container: { is_ephemeral: true },
    });
    await handleOpenForm(args, ctx);
    expect(calls[0]!.method).toBe('views.push');
    expect(JSON.stringify(calls[0]!.args.view)).toContain('this Slack message');
  });

  it('shows the out-of-hours view for a STAR outside Global Support Hours', async () => {
    const ctx = await formsContext({ now: OUT_OF_HOURS });
    const { args, calls } = openArgs('star');
    await handleOpenForm(args, ctx);
    expect(calls[0]!.args.view).toMatchObject({ title: { text: 'Outside Support Hours' } });
  });

  it('does nothing for a route without a form', async () => {
    const ctx = await formsContext();
    const { args, calls } = openArgs('it-help');
    await handleOpenForm(args, ctx);
    expect(calls).toEqual([]);
  });
});

describe('handleOptionChange', () => {
  it('re-renders the internal-request modal with the picked option’s fields, keeping typed values', async () => {
    const ctx = await formsContext();
    const { ack } = fakeAck();
    const { client, calls } = fakeClient();
    const view = {
      id: 'V1',
      hash: 'H1',
      private_metadata: encodeMetadata({ routeId: 'internal-request/other', optionId: 'other' }),
      state: { values: { contact_email: { value: { type: 'email_text_input', value: 'a@b.example' } } } },
    };
    await handleOptionChange(
      {
        ack,
        client,
        body: { view, user: { id: 'U1' } },
        action: { selected_option: { value: 'sm-modify-trial' } },
      } as unknown as Select,
      ctx,
    );
    expect(calls[0]).toMatchObject({ method: 'views.update', args: { view_id: 'V1', hash: 'H1' } });
    const blocks = (
      calls[0]!.args.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }
    ).blocks;
    expect(blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      'ir_option',
      'contact_email',
      'license_id',
      'sfdc_link',
      'seats',
      'plan',
      'context',
    ]);
    expect(blocks.find((b) => b.block_id === 'contact_email')!.element!.initial_value).toBe('a@b.example');
    expect(JSON.stringify(blocks)).toContain('Support will not start a trial');
  });
});

describe('handleRetry', () => {
  async function failedRow() {
    const ctx = await formsContext();
    await ctx.store.enqueue({ id: 'T1:V1', teamId: 'T1', userId: 'U1', routeId: 'star', payload: {} }, 1);
    await ctx.store.claim('w', 1, 10);
    await ctx.store.finish('T1:V1', 'w', { status: 'failed', error: 'x' }, 2);
    return ctx;
  }
  const retryArgs = (userId: string) => {
    const responses: unknown[] = [];
    const { ack } = fakeAck();
    const args = {
      ack,
      respond: async (r: unknown) => void responses.push(r),
      body: { user: { id: userId } },
      action: { value: 'T1:V1' },
    };
    return { args: args as unknown as Button, responses };
  };

  it('puts the requester’s failed request back in the queue', async () => {
    const ctx = await failedRow();
    const { args, responses } = retryArgs('U1');
    await handleRetry(args, ctx);
    expect((await ctx.store.get('T1:V1'))!.status).toBe('pending');
    expect(ctx.wakes()).toBe(1);
    expect(responses).toEqual([expect.objectContaining({ replace_original: true })]);
  });

  it('refuses someone else’s request', async () => {
    const ctx = await failedRow();
    const { args, responses } = retryArgs('U2');
    await handleRetry(args, ctx);
    expect((await ctx.store.get('T1:V1'))!.status).toBe('failed');
    expect(responses).toEqual([expect.objectContaining({ response_type: 'ephemeral' })]);
  });
});
