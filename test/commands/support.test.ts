// /support over signed HTTP: help, oncall, triage of each action, and the evidence line.
import nock from 'nock';
import { FORM_SUBCOMMANDS } from '../../src/forms/commands';
import { ACTION_OPEN_FORM, ACTION_PICK_ROUTE } from '../../src/ids';
import { commandBody, globalShortcutBody } from '../helpers/payloads';
import { eventually, startTestApp, useTestApp } from '../helpers/app';

type Ack = { response_type: string; text: string; blocks: Array<Record<string, unknown>> };

describe('/support', () => {
  const app = useTestApp({}, { fresh: true });

  it('answers `help` with what the bot does, examples and the subcommands', async () => {
    const res = await app().send(commandBody('help'));
    expect(res.status).toBe(200);
    const ack = res.json() as Ack;
    expect(ack.response_type).toBe('ephemeral');
    const text = JSON.stringify(ack.blocks);
    expect(text).toContain('Examples');
    expect(text).toContain('/support oncall [support|cmoc|manager]');
  });

  it('treats an empty command as help', async () => {
    const ack = (await app().send(commandBody(''))).json() as Ack;
    expect(JSON.stringify(ack.blocks)).toContain('Examples');
  });

  it('answers `oncall cmoc` after the ack, then from the cache inside the ack', async () => {
    const first = nock('https://hooks.slack.com')
      .post(
        '/commands/T0TEAM/1/abc',
        (b: { text: string; replace_original: boolean }) =>
          b.replace_original && b.text.includes('Bob Example'),
      )
      .reply(200, 'ok');
    const res = await app().send(commandBody('oncall cmoc'));
    expect((res.json() as Ack).text).toContain('Looking up');
    await eventually(() => first.isDone());
    const again = (await app().send(commandBody('oncall cmoc'))).json() as Ack;
    expect(JSON.stringify(again.blocks)).toContain('<@U0BOB>');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('rejects an unknown rotation with the usage', async () => {
    const ack = (await app().send(commandBody('oncall everyone'))).json() as Ack;
    expect(ack.text).toContain('Usage');
  });

  it('triages a question: the rule answer, the evidence line and "Not what I meant"', async () => {
    const ack = (await app().send(commandBody('how do I mirror a repo?'))).json() as Ack;
    const text = JSON.stringify(ack.blocks);
    expect(text).toContain('Product questions');
    expect(text).toContain('#questions'); // {{questions_channel}} filled
    expect(text).toContain('Why: matched');
    const menu = ack.blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; options: unknown[] }>;
    };
    expect(menu.elements[0]?.action_id).toBe(ACTION_PICK_ROUTE);
    expect(menu.elements[0]?.options).toHaveLength(2);
  });

  it('offers the form button for a form route', async () => {
    const ack = (await app().send(commandBody('please escalate ticket 123'))).json() as Ack;
    const actions = ack.blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; value?: string }>;
    };
    expect(actions.elements[0]).toMatchObject({ action_id: ACTION_OPEN_FORM, value: 'star' });
  });

  it('states the policy for a refuse route', async () => {
    const ack = (await app().send(commandBody('who owns the acme group?'))).json() as Ack;
    expect(JSON.stringify(ack.blocks)).toContain("Support can't do this");
  });

  it('answers an on-call route with the people on call (after the ack)', async () => {
    const later = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { blocks: unknown[] }) =>
        JSON.stringify(b.blocks).includes('<@U0ALICE>'),
      )
      .reply(200, 'ok');
    const ack = (await app().send(commandBody('who is on call right now'))).json() as Ack;
    expect(JSON.stringify(ack.blocks)).toContain('looking up');
    await eventually(() => later.isDone());
  });

  it('offers a short menu for an unknown route', async () => {
    const ack = (await app().send(commandBody('bananas'))).json() as Ack;
    expect(ack.text).toContain('not sure');
    expect(JSON.stringify(ack.blocks)).toContain(ACTION_PICK_ROUTE);
  });

  it('escapes <!channel> and links in the echoed text', async () => {
    const ack = (
      await app().send(commandBody('<!channel> how do I <https://evil.example|log in>? & more'))
    ).json() as Ack;
    const text = JSON.stringify(ack.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;https://evil.example|log in&gt;');
    expect(text).toContain('&amp; more');
    expect(text).not.toContain('<!channel>');
  });
});

describe('/support subcommand table', () => {
  it('dispatches to and lists a subcommand added by the filing module', async () => {
    FORM_SUBCOMMANDS.zzfile = {
      description: 'file something',
      run: async ({ ack }, rest) => ack({ response_type: 'ephemeral', text: `filing ${rest}` }),
    };
    const t = await startTestApp();
    try {
      expect(((await t.send(commandBody('zzfile a thing'))).json() as Ack).text).toBe('filing a thing');
      expect(JSON.stringify(((await t.send(commandBody('help'))).json() as Ack).blocks)).toContain('zzfile');
    } finally {
      delete FORM_SUBCOMMANDS.zzfile;
      await t.stop();
    }
  });
});

describe('/support on GovSlack', () => {
  const app = useTestApp({ config: { SLACK_API_URL: 'https://slack-gov.com/api/' } });

  it('sends every Web API call to SLACK_API_URL', async () => {
    const opened = nock('https://slack-gov.com').post('/api/views.open').reply(200, { ok: true });
    await app().send(globalShortcutBody());
    await eventually(() => opened.isDone());
  });
});
