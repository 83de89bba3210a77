import nock from 'nock';
import { idempotencyKey } from '../../src/filing/keys';
import type { ZendeskTicketRequest } from '../../src/filing/types';
import { ZendeskFiler } from '../../src/filing/zendesk';
import { createZendeskClient } from '../../src/filing/zendesk-client';
import { useStrictNock } from '../helpers/strict-nock';

const URL_ = 'https://acme.zendesk.example';
const KEY = 'T1:V7';
const AUTH = `Basic ${Buffer.from('bot@acme.example/token:ztok-secret').toString('base64')}`;

const request: ZendeskTicketRequest = {
  target: 'zendesk-ticket',
  ticket: {
    subject: 'Internal Request: Extend a SaaS trial (https://gitlab.com/acme)',
    comment: { body: 'context', public: false },
    requester: { email: 'seller@gitlab.example', name: 'Sam Seller' },
    ticket_form_id: 123,
    custom_fields: [{ id: 9, value: 'SaaS Trial Related: Extend a SaaS trial' }],
    tags: ['internal_request', 'ir_saas_extend_trial'],
    priority: 'low',
  },
};

const filer = (timeoutMs = 2000) =>
  new ZendeskFiler(createZendeskClient({ url: URL_, email: 'bot@acme.example', token: 'ztok-secret' }), {
    url: URL_,
    timeoutMs,
  });
const zendesk = () =>
  nock(URL_, {
    reqheaders: {
      authorization: AUTH,
      'idempotency-key': idempotencyKey(KEY),
      'content-type': 'application/json',
    },
  });

useStrictNock();

describe('ZendeskFiler', () => {
  it('creates the ticket with the exact body and an Idempotency-Key derived from the submission', async () => {
    zendesk()
      .post('/api/v2/tickets.json', (body) => {
        expect(body).toEqual({ ticket: { ...request.ticket, external_id: idempotencyKey(KEY) } });
        return true;
      })
      .reply(
        201,
        { ticket: { id: 777, subject: 'x' } },
        { 'x-idempotency-lookup': 'miss', 'content-type': 'application/json' },
      );
    await expect(filer().file(request, { key: KEY, mayExist: false })).resolves.toEqual({
      target: 'zendesk-ticket',
      url: `${URL_}/agent/tickets/777`,
      ref: 'ticket 777',
    });
  });

  it('sends the same key again on a retry, so Zendesk answers with the first ticket', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .twice()
      .reply(201, { ticket: { id: 778 } }, { 'content-type': 'application/json' });
    // The retry looks for the ticket by external_id first; here none is listed yet.
    nock(URL_, { badheaders: ['idempotency-key'] })
      .get('/api/v2/tickets.json')
      .query((q) => q.external_id === idempotencyKey(KEY)) // node-zendesk adds page[size]
      .reply(200, { tickets: [], next_page: null }, { 'content-type': 'application/json' });
    const a = await filer().file(request, { key: KEY, mayExist: false });
    const b = await filer().file(request, { key: KEY, mayExist: true });
    expect(a).toEqual(b);
  });

  it('treats a 429 (which node-zendesk resolves with an Error) as a retry after Retry-After, never as a ticket', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(
        429,
        { error: 'APIRateLimitExceeded' },
        { 'Retry-After': '7', 'content-type': 'application/json' },
      );
    await expect(filer().file(request, { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      details: { status: 429, retryAfterMs: 7000 },
    });
  });

  it('treats a 502 (which node-zendesk lets through) as retryable', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(502, '<html>bad gateway</html>', { 'content-type': 'text/html' });
    await expect(filer().file(request, { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      details: { status: 502 },
    });
  });

  it('does not retry a 422 from a setting, keeps the raw body out of the message, and keeps the reasons', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(
        422,
        { error: 'RecordInvalid', details: { ticket_form_id: [{ description: 'secret internal detail' }] } },
        { 'content-type': 'application/json' },
      );
    const err = (await filer()
      .file(request, { key: KEY, mayExist: false })
      .catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({
      kind: 'permanent',
      userMessage: expect.stringContaining('Zendesk refused some of the fields (HTTP 422).'),
      details: { reasons: ['ticket_form_id: secret internal detail'] },
    });
    expect(err.message).not.toMatch(/secret|RecordInvalid/);
  });

  it('times out a hanging API', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .delay(500)
      .reply(201, { ticket: { id: 1 } });
    await expect(filer(100).file(request, { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      userMessage: 'Zendesk did not answer in time.',
    });
  });

  it('reports a network error as retryable', async () => {
    zendesk().post('/api/v2/tickets.json').replyWithError('socket hang up');
    await expect(filer().file(request, { key: KEY, mayExist: false })).rejects.toMatchObject({
      kind: 'retryable',
      userMessage: 'Zendesk could not be reached.',
    });
  });
});
