// The clarifying question and the unsure replies in every surface, over signed HTTP: the slash
// command, a mention's thread reply, both shortcuts and App Home's ask. An answer replaces the
// question in the same message: through the response_url with replace_original for messages
// (https://api.slack.com/interactivity/handling#updating_message_response) and views.update for
// modals (https://api.slack.com/methods/views.update).
import nock from 'nock';
import {
  ACTION_ANSWER_QUESTION,
  ACTION_ASK_TEXT,
  ACTION_CHOOSE_ROUTE,
  ACTION_HOME_ASK,
  ACTION_OPEN_FORM,
  BLOCK_ASK_TEXT,
  VIEW_ASK,
} from '../../src/ids';
import type { Classification } from '../../src/routing/types';
import {
  blockActionBody,
  CHANNEL,
  commandBody,
  eventBody,
  mentionEvent,
  messageShortcutBody,
  TRIGGER_ID,
  viewSubmissionBody,
} from '../helpers/payloads';
import { eventually, formFields, useTestApp } from '../helpers/app';

const QUESTION = 'Is there already a ticket for this?';

/** A stand-in classifier: "nudge" asks the ticket question, "maybe" is medium, "unsure" is low. */
function unsureClassifier(text: string): Classification {
  if (/nudge/.test(text))
    return {
      route: 'star',
      confidence: 0.79,
      alternatives: [{ route: 'customer-needs-support', confidence: 0.15 }],
      evidence: ['an existing ticket needs attention'],
      question: {
        fact: 'ticket',
        text: QUESTION,
        options: [
          { label: 'Yes, and it needs attention', routes: ['star'] },
          { label: 'No ticket yet', routes: ['customer-needs-support'] },
        ],
      },
    };
  if (/maybe/.test(text))
    return {
      route: 'star',
      confidence: 0.6,
      alternatives: [{ route: 'support-feedback', confidence: 0.3 }],
      evidence: [],
    };
  return {
    route: 'star',
    confidence: 0.3,
    alternatives: [{ route: 'support-feedback', confidence: 0.2 }],
    evidence: [],
  };
}

type Blocks = Array<{
  type: string;
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
}>;

const buttons = (blocks: Blocks, actionId: string) =>
  blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .filter((e) => e.action_id === actionId);

/** The block_actions payload of a click on one of the question's buttons. */
const clickAnswer = (label: string, value: string, overrides: Record<string, unknown> = {}) =>
  blockActionBody(
    { type: 'button', action_id: ACTION_ANSWER_QUESTION, value, text: { type: 'plain_text', text: label } },
    overrides,
  );

describe('the clarifying question', () => {
  const app = useTestApp({ classify: unsureClassifier }, { fresh: true });

  it('/support asks it with one button per answer and never offers the form as the answer', async () => {
    const ack = (await app().send(commandBody('can someone nudge this'))).json() as { blocks: Blocks };
    const text = JSON.stringify(ack.blocks);
    expect(text).toContain(QUESTION);
    const answers = buttons(ack.blocks, ACTION_ANSWER_QUESTION);
    expect(answers.map((b) => b.text?.text)).toEqual(['Yes, and it needs attention', 'No ticket yet']);
    expect(answers.map((b) => b.value)).toEqual(['star', 'customer-needs-support']);
    expect(buttons(ack.blocks, ACTION_OPEN_FORM)).toEqual([]);
    expect(text).toContain('Most likely');
  });

  it('answers in the same private message when a button is clicked', async () => {
    let body: { replace_original?: boolean; blocks?: Blocks } = {};
    const replaced = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof body) => ((body = b), true))
      .reply(200, 'ok');
    const res = await app().send(clickAnswer('Yes, and it needs attention', 'star'));
    expect(res.status).toBe(200);
    await eventually(() => replaced.isDone());
    expect(body.replace_original).toBe(true);
    expect(buttons(body.blocks ?? [], ACTION_OPEN_FORM)).toHaveLength(1);
    expect(JSON.stringify(body.blocks)).toContain('You answered: Yes, and it needs attention');
    expect(JSON.stringify(body.blocks)).not.toContain(QUESTION);
  });

  it('the other answer selects the other route', async () => {
    let body: { blocks?: Blocks } = {};
    const replaced = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof body) => ((body = b), true))
      .reply(200, 'ok');
    await app().send(clickAnswer('No ticket yet', 'customer-needs-support'));
    await eventually(() => replaced.isDone());
    expect(JSON.stringify(body.blocks)).toContain('Support Portal');
    expect(buttons(body.blocks ?? [], ACTION_OPEN_FORM)).toEqual([]);
  });

  it('a mention asks it in the thread, and the answer replaces that thread reply', async () => {
    let posted: Record<string, string> = {};
    const post = nock('https://slack.com')
      .post('/api/chat.postMessage', (b) => ((posted = formFields(b)), true))
      .reply(200, { ok: true, ts: '1700000000.000500' });
    await app().send(eventBody(mentionEvent('please nudge the ticket')));
    await eventually(() => post.isDone());
    expect(posted.thread_ts).toBe('1700000000.000100');
    const blocks = JSON.parse(posted.blocks ?? '[]') as Blocks;
    expect(JSON.stringify(blocks)).toContain(QUESTION);
    const yes = buttons(blocks, ACTION_ANSWER_QUESTION)[0];
    let body: { replace_original?: boolean; blocks?: Blocks } = {};
    const replaced = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof body) => ((body = b), true))
      .reply(200, 'ok');
    await app().send(
      clickAnswer(yes?.text?.text ?? '', yes?.value ?? '', {
        container: {
          type: 'message',
          message_ts: '1700000000.000500',
          channel_id: CHANNEL,
          is_ephemeral: false,
        },
      }),
    );
    await eventually(() => replaced.isDone());
    expect(body.replace_original).toBe(true);
    expect(buttons(body.blocks ?? [], ACTION_OPEN_FORM)).toHaveLength(1);
  });

  it('"Route to Support" asks it privately, and the form keeps the message permalink after the answer', async () => {
    nock('https://slack.com')
      .post('/api/chat.getPermalink')
      .reply(200, { ok: true, permalink: 'https://example.slack.com/archives/C0CHAN/p1700000000000300' });
    let first: { blocks?: Blocks } = {};
    const asked = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof first) => ((first = b), true))
      .reply(200, 'ok');
    await app().send(messageShortcutBody('could support nudge this one'));
    await eventually(() => asked.isDone());
    expect(JSON.stringify(first.blocks)).toContain(QUESTION);
    const yes = buttons(first.blocks ?? [], ACTION_ANSWER_QUESTION)[0];
    expect(yes?.value).toContain('p1700000000000300');
    let answer: { blocks?: Blocks } = {};
    const answered = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof answer) => ((answer = b), true))
      .reply(200, 'ok');
    await app().send(clickAnswer(yes?.text?.text ?? '', yes?.value ?? ''));
    await eventually(() => answered.isDone());
    const form = buttons(answer.blocks ?? [], ACTION_OPEN_FORM)[0];
    expect(form?.value).toContain('p1700000000000300');
  });

  it('"Ask Support" asks it in the modal, and the answer updates the modal', async () => {
    const res = await app().send(
      viewSubmissionBody({
        [BLOCK_ASK_TEXT]: { [ACTION_ASK_TEXT]: { type: 'plain_text_input', value: 'nudge my ticket' } },
      }),
    );
    const ack = res.json() as { response_action: string; view: { blocks: Blocks } };
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view.blocks)).toContain(QUESTION);
    const yes = buttons(ack.view.blocks, ACTION_ANSWER_QUESTION)[0];
    let view = '';
    const updated = nock('https://slack.com')
      .post(
        '/api/views.update',
        (b) => formFields(b).view_id === 'V0ANS' && ((view = formFields(b).view ?? ''), true),
      )
      .reply(200, { ok: true });
    await app().send(
      clickAnswer(yes?.text?.text ?? '', yes?.value ?? '', {
        view: { id: 'V0ANS', type: 'modal', callback_id: 'support_answer', state: { values: {} } },
      }),
    );
    await eventually(() => updated.isDone());
    expect(view).toContain(ACTION_OPEN_FORM);
    expect(view).not.toContain(QUESTION);
  });

  it("App Home's Ask Support button opens the same modal", async () => {
    const opened = nock('https://slack.com')
      .post(
        '/api/views.open',
        (b) =>
          formFields(b).trigger_id === TRIGGER_ID &&
          (JSON.parse(formFields(b).view ?? '{}') as { callback_id?: string }).callback_id === VIEW_ASK,
      )
      .reply(200, { ok: true });
    const res = await app().send(
      blockActionBody(
        { type: 'button', action_id: ACTION_HOME_ASK, text: { type: 'plain_text', text: 'Ask Support' } },
        {
          container: { type: 'view', view_id: 'V0HOME' },
          view: { id: 'V0HOME', type: 'home', state: { values: {} } },
        },
      ),
    );
    expect(res.status).toBe(200);
    await eventually(() => opened.isDone());
  });
});

describe('unsure answers without a question', () => {
  const app = useTestApp({ classify: unsureClassifier }, { fresh: true });

  it('medium: the likely routes come first as buttons, the likely guidance below, no form button', async () => {
    const ack = (await app().send(commandBody('maybe a stuck ticket'))).json() as { blocks: Blocks };
    const choices = buttons(ack.blocks, ACTION_CHOOSE_ROUTE).map((b) => b.value);
    expect(choices).toEqual(['star', 'support-feedback']);
    expect(buttons(ack.blocks, ACTION_OPEN_FORM)).toEqual([]);
    expect(JSON.stringify(ack.blocks)).toContain('Most likely');
  });

  it('low: only the likely routes, and no answer', async () => {
    const ack = (await app().send(commandBody('unsure what this is'))).json() as { blocks: Blocks };
    expect(JSON.stringify(ack.blocks)).toContain('Is it one of these?');
    expect(JSON.stringify(ack.blocks)).not.toContain('Most likely');
    expect(buttons(ack.blocks, ACTION_CHOOSE_ROUTE).length).toBeGreaterThan(0);
    expect(buttons(ack.blocks, ACTION_OPEN_FORM)).toEqual([]);
  });

  it('a chosen route answers in the same message, with its form', async () => {
    let body: { replace_original?: boolean; blocks?: Blocks } = {};
    const replaced = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof body) => ((body = b), true))
      .reply(200, 'ok');
    await app().send(
      blockActionBody({
        type: 'button',
        action_id: ACTION_CHOOSE_ROUTE,
        value: 'star',
        text: { type: 'plain_text', text: 'Ticket attention' },
      }),
    );
    await eventually(() => replaced.isDone());
    expect(body.replace_original).toBe(true);
    expect(JSON.stringify(body.blocks)).toContain('You picked this route');
    expect(buttons(body.blocks ?? [], ACTION_OPEN_FORM)).toHaveLength(1);
  });

  it('a route the rules no longer have is refused without replacing the message', async () => {
    const told = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { replace_original: boolean }) => b.replace_original === false)
      .reply(200, 'ok');
    await app().send(clickAnswer('Gone', 'gone-route'));
    await eventually(() => told.isDone());
  });
});
