// @-mention triage over signed HTTP: threaded replies, no echo, the customer reminder, retries.
import nock from 'nock';
import { CHANNEL, eventBody, mentionEvent } from '../helpers/payloads';
import { eventually, formFields, testAppDeps, useTestApp } from '../helpers/app';
import { memoryLogger } from '../helpers/logger';
import { handleAppMention, stripBotMention, type MentionArgs } from '../../src/events/app-mention';

describe('app_mention', () => {
  const app = useTestApp({}, { fresh: true });

  const expectPost = (check: (fields: Record<string, string>) => boolean) =>
    nock('https://slack.com')
      .post('/api/chat.postMessage', (b) => check(formFields(b)))
      .reply(200, { ok: true, ts: '1.2' });

  it('answers in the thread of the message, without repeating the text', async () => {
    const posted = expectPost(
      (f) =>
        f.channel === CHANNEL &&
        f.thread_ts === '1700000000.000100' &&
        f.blocks!.includes('Product questions') &&
        !f.blocks!.includes('mirror'),
    );
    const res = await app().send(eventBody(mentionEvent('how do I mirror a repo')));
    expect(res.status).toBe(200);
    await eventually(() => posted.isDone());
  });

  it('answers inside the same thread when the mention is in one', async () => {
    const posted = expectPost((f) => f.thread_ts === '1699999999.000001');
    await app().send(eventBody(mentionEvent('how do I mirror a repo', { thread_ts: '1699999999.000001' })));
    await eventually(() => posted.isDone());
  });

  it('reminds that Support cannot act on customer requests made in Slack', async () => {
    const posted = expectPost(
      (f) => f.text!.includes('cannot act on customer-specific') && !f.blocks!.includes('acme'),
    );
    await app().send(eventBody(mentionEvent('customer acme (jane@acme.example) cannot log in')));
    await eventually(() => posted.isDone());
  });

  it('answers who is on call with the people, in one post', async () => {
    const posted = expectPost((f) => f.blocks!.includes('<@U0BOB>'));
    await app().send(eventBody(mentionEvent('who is the cmoc')));
    await eventually(() => posted.isDone());
  });

  it('replies once to an event retried by Slack (same event_id)', async () => {
    let posts = 0;
    nock('https://slack.com')
      .persist()
      .post('/api/chat.postMessage')
      .reply(200, () => {
        posts += 1;
        return { ok: true, ts: '1.2' };
      });
    const event = eventBody(mentionEvent('how do I mirror a repo'));
    const first = await app().send(event);
    for (const n of ['1', '2', '3']) {
      const retry = await app().send(event, {
        'x-slack-retry-num': n,
        'x-slack-retry-reason': 'http_timeout',
      });
      expect(retry.status).toBe(200);
    }
    expect(first.status).toBe(200);
    await eventually(() => posts >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).toBe(1);
  });

  it('asks for text when the mention is empty', async () => {
    const posted = expectPost((f) => f.text!.includes('Tell me what you need'));
    await app().send(eventBody({ ...mentionEvent(''), text: '<@U0BOT>' }));
    await eventually(() => posted.isDone());
  });
});

describe('stripBotMention', () => {
  it('removes the bot mention and keeps other mentions', () => {
    expect(stripBotMention('<@U0BOT> ask <@U0X> about it', 'U0BOT')).toBe('ask <@U0X> about it');
    expect(stripBotMention('<@U0BOT|router>   hi', 'U0BOT')).toBe('hi');
  });
  it('without a bot id removes a leading mention only', () => {
    expect(stripBotMention('<@U0BOT> hi <@U0X>')).toBe('hi <@U0X>');
  });
});

describe('app_mention when Slack refuses the blocks', () => {
  const app = useTestApp();

  it('posts the answer as text only', async () => {
    const refused = nock('https://slack.com')
      .post('/api/chat.postMessage', (b) => formFields(b).blocks !== undefined)
      .reply(200, { ok: false, error: 'msg_blocks_too_long' });
    const textOnly = nock('https://slack.com')
      .post(
        '/api/chat.postMessage',
        (b) => formFields(b).blocks === undefined && formFields(b).text!.includes('Product questions'),
      )
      .reply(200, { ok: true, ts: '1.3' });
    await app().send(eventBody(mentionEvent('how do I mirror a repo')));
    await eventually(() => refused.isDone() && textOnly.isDone());
  });
});

describe('a mention reply Slack failed', () => {
  // Bolt acks events before listeners run (https://docs.slack.dev/tools/bolt-js/concepts/acknowledge),
  // so Slack will not send the mention again: the bot itself tries the reply again, a few times.
  const httpError = (status: number) =>
    Object.assign(new Error(`An HTTP protocol error occurred: statusCode = ${status}`), {
      code: 'slack_webapi_http_error',
      statusCode: status,
    });
  const platformError = (error: string) =>
    Object.assign(new Error(`An API error occurred: ${error}`), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error },
    });

  async function mention(answers: (Error | undefined)[]) {
    const log = memoryLogger();
    let calls = 0;
    const postMessage = async () => {
      const failure = answers[calls++];
      if (failure) throw failure;
      return { ok: true };
    };
    const args = {
      event: {
        type: 'app_mention',
        text: '<@U0BOT> how do I mirror a repo',
        channel: 'C1',
        ts: '1.1',
        user: 'U1',
      },
      body: { event_id: 'Ev0MENTION', team_id: 'T1' },
      client: { chat: { postMessage } },
      context: { botUserId: 'U0BOT' },
    } as unknown as MentionArgs;
    const deps = await testAppDeps({ logger: log.logger });
    try {
      await handleAppMention(args, deps, [1, 1, 1]);
    } finally {
      await deps.filing.stop();
    }
    return { calls, lines: log.lines() };
  }

  it('tries again while Slack fails, and answers once it works', async () => {
    const { calls, lines } = await mention([httpError(503), platformError('internal_error')]);
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.includes('will try again'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('gave up');
  });

  it('gives up after the last try and logs it with the event id', async () => {
    const { calls, lines } = await mention(Array.from({ length: 9 }, () => httpError(502)));
    expect(calls).toBe(4);
    const gaveUp = lines.find((l) => l.includes('could not answer the mention; gave up'));
    expect(JSON.parse(gaveUp!)).toMatchObject({ eventId: 'Ev0MENTION', channel: 'C1', attempts: 4 });
  });

  it('does not retry what Slack refuses for good', async () => {
    const { calls } = await mention([platformError('channel_not_found'), undefined]);
    expect(calls).toBe(1);
  });
});
