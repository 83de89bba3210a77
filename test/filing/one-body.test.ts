// One Idempotency-Key, one body: the request is prepared once, stored with the row and sent
// unchanged by every retry. A requester lookup that fails is retried as part of preparation; the
// ticket never goes out without its requester, and a later lookup cannot change what was sent.
// Zendesk refuses a key reused with another body:
// https://developer.zendesk.com/api-reference/introduction/idempotency/
import nock from 'nock';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { createFiler } from '../../src/filing/filer';
import { idempotencyKey } from '../../src/filing/keys';
import { FilingWorker } from '../../src/filing/worker';
import { ZendeskFiler } from '../../src/filing/zendesk';
import { createZendeskClient } from '../../src/filing/zendesk-client';
import { formDefinition } from '../../src/kinds';
import { createPrepare, type Requester } from '../../src/kinds/prepare';
import type { FilingStore } from '../../src/store/types';
import { filledValues } from '../helpers/forms';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { freshSqlite } from '../helpers/stores';
import { fakeTiming } from '../helpers/timing';

const ZD = 'https://acme.zendesk.example';
const ROUTE = 'internal-request/saas-extend-trial';
const rules = handbookRules();
let store: FilingStore;

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  store = await freshSqlite();
});
afterEach(async () => {
  nock.cleanAll();
  await store.close();
});
afterAll(() => nock.enableNetConnect());

it('sends the same body on every attempt, with the requester, even when the first lookup failed', async () => {
  const values = filledValues(formDefinition(rules.byId.get(ROUTE)!, rules.byId)!, {});
  await store.enqueue(
    {
      id: 'T1:V1',
      teamId: 'T1',
      userId: 'U1',
      routeId: ROUTE,
      payload: { values, optionId: 'saas-extend-trial' },
    },
    1,
  );
  // users.info: down, then Jo, then (a profile edited meanwhile) someone else.
  const lookups: (() => Promise<Requester>)[] = [
    async () => Promise.reject(new Error('An API error occurred: internal_error')),
    async () => ({ name: 'Jo', email: 'jo@gitlab.example' }),
    async () => ({ name: 'Jo Renamed', email: 'jo.renamed@gitlab.example' }),
  ];
  const bodies: unknown[] = [];
  const key = idempotencyKey('T1:V1');
  const zd = nock(ZD, { reqheaders: { 'idempotency-key': key } });
  zd.post('/api/v2/tickets.json', (b) => (bodies.push(b), true)).reply(500, {});
  zd.post('/api/v2/tickets.json', (b) => (bodies.push(b), true)).reply(201, { ticket: { id: 7 } });
  nock(ZD).persist().get('/api/v2/tickets.json').query(true).reply(200, { tickets: [] });
  const timing = fakeTiming();
  const log = memoryLogger();
  const worker = new FilingWorker({
    store,
    prepare: createPrepare({ rules, settings: DEFAULT_SETTINGS, lookupUser: () => lookups.shift()!() }),
    filer: createFiler({
      zendesk: new ZendeskFiler(createZendeskClient({ url: ZD, email: 'bot@acme.example', token: 'z' }), {
        url: ZD,
        timeoutMs: 2000,
      }),
    }),
    notifier: { notify: async () => undefined },
    logger: log.logger,
    mode: 'live',
    timing,
  });
  await worker.drain(); // the lookup fails: nothing is sent, the attempt is retried
  expect(bodies).toHaveLength(0);
  expect(await store.get('T1:V1')).toMatchObject({
    status: 'pending',
    error: 'Slack did not say who sent this request.',
  });
  for (let i = 0; i < 2; i += 1) {
    timing.advance(10 * 60_000);
    await worker.drain();
  }
  expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: 'ticket 7' } });
  expect(bodies).toHaveLength(2);
  expect(bodies[1]).toEqual(bodies[0]);
  expect(bodies[0]).toMatchObject({
    ticket: { requester: { email: 'jo@gitlab.example', name: 'Jo' }, external_id: key },
  });
  expect(lookups).toHaveLength(1); // the third attempt prepared nothing
  expect(log.lines().join('\n')).toContain('internal_error');
});
