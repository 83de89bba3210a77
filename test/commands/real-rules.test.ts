// End to end with the project's own rules file and the real classifier (no stub).
import nock from 'nock';
import { classify } from '../../src/routing/classify';
import { loadRules } from '../../src/routing/load';
import { commandBody } from '../helpers/payloads';
import { eventually, useTestApp } from '../helpers/app';

describe('/support with the handbook rules', () => {
  const rules = loadRules();
  const app = useTestApp({ rules, classify: (text) => classify(text, rules) });

  it('answers "who is the cmoc" with the person on call', async () => {
    const answered = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { blocks: unknown[] }) =>
        JSON.stringify(b.blocks).includes('<@U0BOB>'),
      )
      .reply(200, 'ok');
    const ack = (await app().send(commandBody('who is the cmoc right now?'))).json() as { blocks: unknown[] };
    expect(JSON.stringify(ack.blocks)).toContain('CMOC');
    await eventually(() => answered.isDone());
  });

  it('keeps every reply within Block Kit limits for every rule', async () => {
    for (const rule of rules.rules) {
      const ack = (await app().send(commandBody(rule.examples[0] ?? rule.title))).json() as {
        blocks: Array<{ text?: { text: string } }>;
      };
      expect(ack.blocks.length).toBeLessThanOrEqual(50);
      for (const b of ack.blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    }
    // One signed request per rule (56) in a row: about 0.5 s alone, over 20 s on a loaded 2-core machine.
  }, 60_000);
});
