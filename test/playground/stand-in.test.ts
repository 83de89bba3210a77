// The playground's Slack stand-in answers as Slack documents:
//   chat.postMessage to a user is the app's DM, refused with messages_tab_disabled while the
//     manifest's Messages tab is off: https://docs.slack.dev/reference/methods/chat.postMessage#errors
//   views.open spends a trigger_id (invalid_trigger_id otherwise): https://docs.slack.dev/reference/methods/views.open
//   views.update with a stale hash fails with hash_conflict, and typed values survive for blocks that
//     stay: https://docs.slack.dev/reference/methods/views.update
//   views.push stops at 3 views: https://docs.slack.dev/surfaces/modals#view-stack
//   response_url: a new ephemeral message unless replace_original / delete_original:
//     https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
import { surfacesOf, readManifest } from '../../src/playground/manifest';
import { ResponseUrls } from '../../src/playground/responses';
import { slackClientErrors } from '../../src/playground/required';
import { stateFrom } from '../../src/playground/values';
import { callMethod } from '../../src/playground/web-api';
import { CHANNEL, DM, USER, Workspace } from '../../src/playground/workspace';
import { manifestWithoutMessagesTab } from '../helpers/slack-standin';

const input = (block_id: string, element: object, optional = false) => ({
  type: 'input',
  block_id,
  optional,
  label: { type: 'plain_text', text: block_id },
  element: { action_id: 'a', ...element },
});
const modal = (blocks: object[]) => ({ type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks });

function workspace(manifestText = readManifest()) {
  const ws = new Workspace();
  return { ws, ctx: { ws, surfaces: surfacesOf(manifestText) } };
}

describe('the Web API stand-in', () => {
  it('takes the manifest: DMs go to the Messages tab, and are refused when it is off', () => {
    const on = workspace();
    expect(callMethod('chat.postMessage', { channel: USER, text: 'Filed' }, on.ctx)).toMatchObject({
      ok: true,
      channel: DM,
    });
    expect(on.ws.messages).toMatchObject([{ channel: DM, text: 'Filed' }]);
    const off = workspace(manifestWithoutMessagesTab());
    expect(callMethod('chat.postMessage', { channel: USER, text: 'Filed' }, off.ctx)).toEqual({
      ok: false,
      error: 'messages_tab_disabled',
    });
    expect(off.ws.calls).toMatchObject([
      { method: 'chat.postMessage', ok: false, error: 'messages_tab_disabled' },
    ]);
  });

  it('refuses unknown channels, methods and arguments the way Slack does', () => {
    const { ctx } = workspace();
    expect(callMethod('chat.postMessage', { channel: 'C0OTHER', text: 'x' }, ctx).error).toBe(
      'channel_not_found',
    );
    expect(callMethod('chat.postMessage', { text: 'x' }, ctx).error).toBe('invalid_arguments');
    expect(callMethod('files.upload', {}, ctx).error).toBe('unknown_method');
  });

  it('opens a modal only with a trigger_id it issued, once', () => {
    const { ws, ctx } = workspace();
    const view = modal([]);
    expect(callMethod('views.open', { trigger_id: 'made.up', view }, ctx).error).toBe('invalid_trigger_id');
    const trigger = ws.issueTrigger();
    expect(callMethod('views.open', { trigger_id: trigger, view }, ctx).ok).toBe(true);
    expect(callMethod('views.open', { trigger_id: trigger, view }, ctx).error).toBe('invalid_trigger_id');
  });

  it('updates by view id and hash, keeps typed values of blocks that stay, and caps the stack at 3', () => {
    const { ws, ctx } = workspace();
    const first = modal([
      input('keep', { type: 'plain_text_input' }),
      input('drop', { type: 'plain_text_input' }),
    ]);
    const opened = callMethod('views.open', { trigger_id: ws.issueTrigger(), view: first }, ctx).view as {
      id: string;
      hash: string;
    };
    ws.modals[0]!.state = stateFrom(ws.modals[0]!.view.blocks, { keep: { a: 'typed' }, drop: { a: 'gone' } });
    const next = modal([input('keep', { type: 'plain_text_input' })]);
    expect(callMethod('views.update', { view_id: opened.id, hash: 'stale', view: next }, ctx).error).toBe(
      'hash_conflict',
    );
    const updated = callMethod('views.update', { view_id: opened.id, hash: opened.hash, view: next }, ctx);
    expect(updated).toMatchObject({
      ok: true,
      view: { id: opened.id, state: { values: { keep: { a: { value: 'typed' } } } } },
    });
    expect(ws.modals[0]!.state.drop).toBeUndefined();
    callMethod('views.push', { trigger_id: ws.issueTrigger(), view: next }, ctx);
    callMethod('views.push', { trigger_id: ws.issueTrigger(), view: next }, ctx);
    expect(callMethod('views.push', { trigger_id: ws.issueTrigger(), view: next }, ctx).error).toBe(
      'push_limit_reached',
    );
  });
});

describe('response_url', () => {
  it('posts an ephemeral answer, then replaces or deletes the message it came from', () => {
    const ws = new Workspace();
    const urls = new ResponseUrls(ws, () => 'http://127.0.0.1:1');
    const { url, target } = urls.create({ channel: CHANNEL });
    const token = url.split('/').pop()!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:1\/respond\/R/);
    urls.apply(token, { text: 'first' });
    expect(ws.messages).toMatchObject([{ text: 'first', ephemeral: true, ts: target.sourceTs }]);
    urls.apply(token, { text: 'second', replace_original: true });
    expect(ws.messages).toMatchObject([{ text: 'second' }]);
    urls.apply(token, { text: 'in the channel', response_type: 'in_channel' });
    expect(ws.messages[1]).not.toHaveProperty('ephemeral');
    urls.apply(token, { delete_original: true });
    expect(ws.messages.map((m) => m.text)).toEqual(['in the channel']);
    expect(urls.apply('R-never-issued', { text: 'x' })).toBe(false);
  });
});

describe("Slack's own checks before view_submission", () => {
  it('asks for required fields and well-formed emails and URLs; optional ones may stay empty', () => {
    const blocks = [
      input('name', { type: 'plain_text_input' }),
      input('email', { type: 'email_text_input' }),
      input('url', { type: 'url_text_input' }),
      input('note', { type: 'plain_text_input' }, true),
    ];
    const state = stateFrom(blocks, { email: { a: 'not-an-email' }, url: { a: 'nope' } });
    expect(slackClientErrors(blocks, state)).toEqual({
      name: 'Please complete this required field.',
      email: 'Enter an email address.',
      url: 'Enter a URL.',
    });
  });
});
