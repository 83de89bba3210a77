// A Zendesk Tickets API stand-in that keeps the rules Zendesk documents:
// - a requester new to Zendesk is created from the ticket's `requester` only with a name as well as
//   an email (Tickets API, "Creating a ticket with a new requester":
//   https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/); otherwise 422
//   RecordInvalid with per-field `details` (https://developer.zendesk.com/api-reference/introduction/requests/);
//   the exact description below is illustrative, the shape is Zendesk's;
// - Idempotency-Key: a replay returns the first ticket (`x-idempotency-lookup: hit`); keys expire
//   after 2 hours; the same key with different parameters is refused
//   (https://developer.zendesk.com/api-reference/ticketing/introduction/#idempotency);
// - `GET /api/v2/tickets?external_id=` lists the tickets with that external_id, which need not be
//   unique (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets).
import nock from 'nock';

const KEY_TTL_MS = 2 * 60 * 60 * 1000;

interface StoredTicket {
  id: number;
  external_id?: string;
  requester?: { email: string; name?: string };
  [field: string]: unknown;
}

export function zendeskStandIn(url: string, { knownEmails = [] as string[] } = {}) {
  let clock = 0;
  let nextId = 1000;
  const tickets: StoredTicket[] = [];
  const users = new Set(knownEmails);
  const keys = new Map<string, { body: string; ticket: StoredTicket; at: number }>();
  const json = { 'content-type': 'application/json' };

  const scope = nock(url)
    .persist()
    .get('/api/v2/tickets.json')
    .query(true)
    .optionally()
    .reply(function list(uri) {
      const externalId = new URL(uri, url).searchParams.get('external_id');
      const found = tickets.filter((t) => externalId !== null && t.external_id === externalId);
      return [200, { tickets: found, meta: { has_more: false }, links: { next: null } }, json];
    })
    .post('/api/v2/tickets.json')
    .reply(function create(_uri, body) {
      const key = this.req.headers['idempotency-key'] as string | undefined;
      const text = JSON.stringify(body);
      const seen = key ? keys.get(key) : undefined;
      if (seen && clock - seen.at < KEY_TTL_MS) {
        if (seen.body !== text)
          return [
            400,
            { error: 'IdempotentRequestError', description: 'Key reused with different parameters' },
            json,
          ];
        return [201, { ticket: seen.ticket }, { ...json, 'x-idempotency-lookup': 'hit' }];
      }
      const ticket = { ...(body as { ticket: StoredTicket }).ticket };
      const requester = ticket.requester;
      if (requester && !users.has(requester.email) && !requester.name)
        return [
          422,
          {
            error: 'RecordInvalid',
            description: 'Record validation errors',
            details: {
              requester: [{ description: 'Requester: Name:  is too short (minimum one character)' }],
            },
          },
          json,
        ];
      if (requester) users.add(requester.email);
      const stored = { ...ticket, id: (nextId += 1) };
      tickets.push(stored);
      if (key) keys.set(key, { body: text, ticket: stored, at: clock });
      return [201, { ticket: stored }, { ...json, 'x-idempotency-lookup': 'miss' }];
    });

  return {
    tickets,
    /** Moves Zendesk's clock (idempotency keys expire after 2 hours). */
    advance: (ms: number) => void (clock += ms),
    stop: () => scope.persist(false),
  };
}
