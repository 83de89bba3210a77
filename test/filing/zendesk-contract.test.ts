// The Zendesk filer against a stand-in that keeps Zendesk's documented rules (see
// test/helpers/zendesk-standin.ts for each rule's documentation): a new requester needs a name,
// idempotency keys expire after 2 hours, and tickets can be listed by external_id.
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import type { ZendeskTicketRequest } from '../../src/filing/types';
import { ZendeskFiler } from '../../src/filing/zendesk';
import { createZendeskClient } from '../../src/filing/zendesk-client';
import { createPrepare } from '../../src/kinds/prepare';
import { filledValues } from '../helpers/forms';
import { formDefinition } from '../../src/kinds';
import { handbookRules } from '../helpers/rules';
import { useStrictNock } from '../helpers/strict-nock';
import { submissionRow } from '../helpers/submissions';
import { zendeskStandIn } from '../helpers/zendesk-standin';

const URL_ = 'https://acme.zendesk.example';
const HOURS = 60 * 60 * 1000;
const filer = () =>
  new ZendeskFiler(createZendeskClient({ url: URL_, email: 'bot@acme.example', token: 'ztok' }), {
    url: URL_,
    timeoutMs: 2000,
  });
const ticket = (requester: { email: string; name?: string }) =>
  ({
    target: 'zendesk-ticket',
    ticket: { subject: 'Runners stopped', comment: { body: 'd' }, requester, tags: ['t'] },
  }) as ZendeskTicketRequest;

/** What the ticket-on-behalf form files for these answers. */
async function onBehalf(values: Record<string, string>): Promise<ZendeskTicketRequest> {
  const rules = handbookRules();
  const def = formDefinition(rules.byId.get('ticket-on-behalf')!, rules.byId)!;
  const prepare = createPrepare({ rules, settings: DEFAULT_SETTINGS, lookupUser: async () => ({}) });
  const row = submissionRow({ routeId: 'ticket-on-behalf', payload: { values: filledValues(def, values) } });
  return (await prepare(row)) as ZendeskTicketRequest;
}

useStrictNock();

describe('Zendesk as documented', () => {
  it('refuses a nameless requester it does not know (422), and the requester reads why', async () => {
    zendeskStandIn(URL_);
    const err = await filer()
      .file(ticket({ email: 'new@customer.example' }), { key: 'T1:V1', mayExist: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'permanent',
      userMessage: expect.stringContaining('Requester: Name:  is too short'),
      details: { status: 422, reasons: [expect.stringMatching(/^requester: /)] },
    });
  });

  it('a ticket on behalf of a customer new to Zendesk carries a name: typed, or from the email', async () => {
    const zendesk = zendeskStandIn(URL_);
    const typed = await onBehalf({ customer_email: 'pat@customer.example', customer_name: 'Pat Doe' });
    const blank = await onBehalf({ customer_email: 'lee.roe@customer.example', customer_name: '' });
    await filer().file(typed, { key: 'T1:V1', mayExist: false });
    await filer().file(blank, { key: 'T1:V2', mayExist: false });
    expect(zendesk.tickets.map((t) => t.requester)).toEqual([
      { email: 'pat@customer.example', name: 'Pat Doe' },
      { email: 'lee.roe@customer.example', name: 'lee.roe' },
    ]);
  });

  it('a retry after a created ticket finds it by external_id, even once the idempotency key expired', async () => {
    const zendesk = zendeskStandIn(URL_);
    const request = ticket({ email: 'pat@customer.example', name: 'Pat' });
    const first = await filer().file(request, { key: 'T1:V9', mayExist: false });
    zendesk.advance(3 * HOURS); // a long 429 run, or Retry pressed on a parked request
    const again = await filer().file(request, { key: 'T1:V9', mayExist: true });
    expect(again).toEqual(first);
    expect(zendesk.tickets).toHaveLength(1);
  });

  it('without the lookup an expired key would have made a second ticket (the stand-in keeps the expiry)', async () => {
    const zendesk = zendeskStandIn(URL_);
    const request = ticket({ email: 'pat@customer.example', name: 'Pat' });
    await filer().file(request, { key: 'T1:V9', mayExist: false });
    zendesk.advance(3 * HOURS);
    await filer().file(request, { key: 'T1:V9', mayExist: false });
    expect(zendesk.tickets).toHaveLength(2);
  });
});
