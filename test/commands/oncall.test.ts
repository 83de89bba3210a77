// A provider that hangs: the user gets the handbook's manual way, never an error, and nobody is paged.
import nock from 'nock';
import type { OncallProvider } from '../../src/oncall/types';
import { commandBody } from '../helpers/payloads';
import { eventually, useTestApp } from '../helpers/app';

const hanging: OncallProvider = { name: 'PagerDuty', lookup: () => new Promise(() => undefined) };

describe('/support oncall when the provider times out', () => {
  const app = useTestApp({ provider: hanging, oncallTimeoutMs: 50 }, { fresh: true });

  it('answers with the manual ChatOps way for both rotations', async () => {
    let text = '';
    const fallback = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { text: string }) => ((text = b.text), true))
      .reply(200, 'ok');
    const ack = (await app().send(commandBody('oncall'))).json() as { text: string };
    expect(ack.text).toContain('Looking up');
    await eventually(() => fallback.isDone());
    expect(text).toContain('/chatops run oncall support');
    expect(text).toContain('/chatops run oncall cmoc');
  });

  it('gives the fallback inside a triaged on-call answer too', async () => {
    const fallback = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { blocks: unknown[] }) =>
        JSON.stringify(b.blocks).includes("couldn't look this up"),
      )
      .reply(200, 'ok');
    await app().send(commandBody('who is the cmoc'));
    await eventually(() => fallback.isDone());
  });
});
